using System.Text;
using ActorTrust.Core.Agents;

namespace ActorTrust.Core.Tests.Agents;

public sealed class AgentManifestVectorTests
{
    private static readonly string OutputFolder = Path.Combine(AppContext.BaseDirectory, "vectors", "agent-manifest");

    public static TheoryData<string> VectorFiles() => [.. Directory.GetFiles(OutputFolder, "AM-*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Vector_file_yields_its_expected_verdict(string file)
    {
        var vector = AgentManifestVector.FromFileBytes(File.ReadAllBytes(Path.Combine(OutputFolder, file)));
        var context = vector.Context;

        var verdict = AgentManifestVerifier.Verify(vector.EnvelopeBytes(), context.Authority, context.Now, context.Revocations, context.ExpectedHashes);

        verdict.Status.ShouldBe(vector.Expected.Verdict, $"{vector}: {verdict.Reason}");
        verdict.Code.ShouldBe(vector.Expected.Code, $"{vector}: {verdict.Reason}");
    }

    /// <summary>
    /// The committed files are exactly what the fixed-seed generator writes. Set ACTORTRUST_WRITE_VECTORS to
    /// the repository's tests/vectors/agent-manifest folder to (re)write them instead.
    /// </summary>
    [Fact]
    public void Committed_vectors_are_exactly_what_the_fixed_seed_generator_writes()
    {
        var writeTo = TestSupport.VectorFolder.WriteFolder("agent-manifest");
        foreach (var vector in AgentManifestVectorSet.All())
        {
            var name = $"{vector.Id}.json";
            if (!string.IsNullOrEmpty(writeTo))
            {
                File.WriteAllBytes(Path.Combine(writeTo, name), vector.ToFileBytes());
                continue;
            }

            var path = Path.Combine(OutputFolder, name);
            File.Exists(path).ShouldBeTrue($"{name} is missing; regenerate the vectors");
            Encoding.UTF8.GetString(File.ReadAllBytes(path)).ShouldBe(Encoding.UTF8.GetString(vector.ToFileBytes()), name);
        }

        Directory.GetFiles(OutputFolder, "AM-*.json").Length.ShouldBe(AgentManifestVectorSet.All().Count);
    }

    [Fact]
    public void Generated_vectors_cover_every_verdict_class()
    {
        AgentManifestVectorSet.All().Select(v => v.Expected.Verdict).Distinct().ShouldBe(Enum.GetValues<ManifestVerdictStatus>(), ignoreOrder: true);
    }
}
