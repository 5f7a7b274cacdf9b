namespace ActorTrust.Core.Tests.Fuzz;

/// <summary>
/// Hostile input against every parser and verifier of signed documents: the valid seed is damaged (see
/// <see cref="Mutator"/>) as a whole document and, for envelopes, inside the payload, which is then signed again by
/// the original keys so the damage reaches the checks behind the signature. Each case must end in a verdict or a
/// typed refusal — never another exception. Seeds are fixed; <see cref="FuzzBudget"/> scales the case counts.
/// </summary>
public sealed class ParserFuzzTests
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(t => t.Name)];

    public static TheoryData<string> EnvelopeTargets() => [.. FuzzTargets.All.Where(t => t.Signers.Count > 0).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Valid_seed_is_read_without_error(string name)
    {
        var target = FuzzTargets.Named(name);

        Should.NotThrow(() => target.Run(target.Valid));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Damaged_document_gets_a_verdict_or_a_typed_refusal(string name)
    {
        var target = FuzzTargets.Named(name);

        var failures = Failures(target, Mutator.Cases(target.Valid, FuzzBudget.CasesPerTarget, salt: Salt(name)), bytes => bytes);

        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(EnvelopeTargets))]
    public void Damaged_payload_signed_again_gets_a_verdict_or_a_typed_refusal(string name)
    {
        var target = FuzzTargets.Named(name);
        var payload = FuzzTargets.PayloadOf(target);

        var failures = Failures(target, Mutator.Cases(payload, FuzzBudget.CasesPerTarget, salt: ~Salt(name)), bytes => FuzzTargets.Resigned(target, bytes));

        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Fixed_seed_cases_are_the_same_on_every_run_cover_every_kind_and_change_the_input()
    {
        var valid = FuzzTargets.Named("agent-manifest").Valid;

        var first = Mutator.Cases(valid, FuzzBudget.CasesPerTarget);
        var again = Mutator.Cases(valid, FuzzBudget.CasesPerTarget);

        first.Count.ShouldBe(FuzzBudget.CasesPerTarget);
        again.Select(c => c.ToString()).ShouldBe(first.Select(c => c.ToString()));
        first.Select(c => c.Kind).Distinct().Count().ShouldBe(Enum.GetValues<MutationKind>().Length);
        first.Count(c => c.Bytes.AsSpan().SequenceEqual(valid)).ShouldBe(0);
    }

    private static List<string> Failures(FuzzTarget target, IReadOnlyList<Mutation> cases, Func<byte[], byte[]> wrap)
    {
        var failures = new List<string>();
        foreach (var mutation in cases)
        {
            try
            {
                target.Run(wrap(mutation.Bytes));
            }
            catch (FormatException) when (target.ThrowsFormatException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"{target.Name} {mutation}: {e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}");
            }
        }

        return failures;
    }

    private static ulong Salt(string name) => (ulong)name.Aggregate(17L, (hash, c) => (hash * 31) + c);
}
