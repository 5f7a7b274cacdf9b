using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Tests;

public sealed class SessionSettingsTests
{
    [Theory]
    [InlineData("not-a-digest")]
    [InlineData("[2, [3]]")]
    public void A_claims_profile_runtime_identity_that_is_not_a_digest_stops_start_up_naming_the_setting(string value)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $"actortrust.sessions.claims-profiles.strict {{ posture = required, allowed-runtime-identities = [{value}] }}");

            var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(path));

            error.Message.ShouldContain("actortrust.sessions.claims-profiles.strict.allowed-runtime-identities");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
