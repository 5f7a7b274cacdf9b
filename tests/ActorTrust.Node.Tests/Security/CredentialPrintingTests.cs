using ActorTrust.Client;

namespace ActorTrust.Node.Tests.Security;

/// <summary>Client-side credential holders never print the secret (records print their members by default).</summary>
public sealed class CredentialPrintingTests
{
    [Fact]
    public void Client_options_and_credentials_print_the_token_redacted()
    {
        const string secret = "atk_do-not-print-me";

        new ActorTrustClientOptions { BearerToken = secret }.ToString().ShouldNotContain(secret);
        new ActorTrustCredentials { BearerToken = secret }.ToString().ShouldNotContain(secret);
        new ActorTrustCredentials { BearerToken = secret }.ToString().ShouldContain("<redacted>");
    }
}
