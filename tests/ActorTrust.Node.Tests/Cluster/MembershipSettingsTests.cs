using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary><c>actortrust.cluster.membership</c> settings bound from HOCON.</summary>
public sealed class MembershipSettingsTests
{
    [Fact]
    public void Indirect_probes_default_to_two_as_the_reference_config_documents()
    {
        NodeSettings.Load(null).Cluster.Runtime.IndirectProbes.ShouldBe(2);
    }

    [Fact]
    public void Indirect_probes_given_in_a_config_file_are_bound_and_zero_disables_them()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "actortrust.cluster.membership { indirect-probes = 0 }");

            NodeSettings.Load(path).Cluster.Runtime.IndirectProbes.ShouldBe(0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
