using ActorTrust.Core.Domains;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Lineage;

/// <summary>
/// Builders for lineage tests. Agent <see cref="AgentId"/> in domain factory.example, whose version 3 has executors
/// A (key 10), B (11) and C (12); key 13 is a publisher that is no executor, key 14 belongs to nobody. Operator
/// "ops@factory.example". Time starts at <see cref="Now"/>; leases use the default settings (60 s + 10 s grace,
/// handoff timeout 30 s).
/// </summary>
internal static class LineageFixtures
{
    public const int A = 10;
    public const int B = 11;
    public const int C = 12;
    public const int Publisher = 13;
    public const int Outsider = 14;
    public const string Operator = "ops@factory.example";
    public const string DomainId = "factory.example";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly SpiffeId AgentId = SpiffeId.Parse("spiffe://factory.example/agent/material-movement/dev");
    public static readonly SpiffeId OtherAgent = SpiffeId.Parse("spiffe://factory.example/agent/inventory/dev");

    public static ExecutorRoster Roster { get; } = RosterOf(3, A, B, C);

    public static ExecutorRoster RosterOf(long version, params int[] executors) =>
        new(DomainId, version, Digest.Sha256(System.Text.Encoding.UTF8.GetBytes($"authority manifest v{version}")),
            [.. executors.Select(k => new DomainPrincipal(Key(k), TestKeys.Hex(k), [DomainRole.Executor]))]);

    public static Digest Key(int key) => TestKeys.Key(key).PublicKey.KeyId;

    public static Digest StateAt(long tick) => Digest.Sha256(System.Text.Encoding.UTF8.GetBytes($"agent state at tick {tick}"));

    public static Checkpoint Checkpoint(int executor, long tick, Digest parent, Epoch epoch, SpiffeId? agent = null, long budget = 1_000) =>
        new(Core.Lineage.Checkpoint.SchemaV1, agent ?? AgentId, tick, parent, StateAt(tick), epoch, budget, Key(executor));

    public static string Sign(Checkpoint checkpoint, int signer) => CheckpointSigning.SignToJson(checkpoint, TestKeys.Signer(signer));

    public static string Signed(Checkpoint checkpoint) =>
        Sign(checkpoint, Enumerable.Range(0, TestKeys.Count).First(i => Key(i) == checkpoint.ExecutorKeyId));

    public static DeciderSpec<LineageState, LineageCommand, LineageEvent> Spec() => new(LineageDecider.Instance, AgentId.ToString());

    /// <summary>Asserts the command was refused with the code of <paramref name="kind"/> and recorded exactly one violation of that kind.</summary>
    public static AuthorityViolated ShouldBeRecordedViolation(this Decision<LineageEvent> decision, ViolationKind kind)
    {
        decision.Rejection.ShouldNotBeNull($"expected violation {kind}, but the command was accepted");
        decision.Rejection.Code.ShouldBe(kind.ToString(), decision.Rejection.Message);
        var violated = decision.Events.OfType<AuthorityViolated>().ShouldHaveSingleItem();
        violated.Kind.ShouldBe(kind);
        return violated;
    }

    /// <summary>Asserts the command was refused with <paramref name="code"/> and recorded the lineage entering RecoveryRequired for <paramref name="reason"/>.</summary>
    public static LineageRecoveryRequired ShouldEnterRecovery(this Decision<LineageEvent> decision, string code, RecoveryReason reason)
    {
        decision.Rejection.ShouldNotBeNull($"expected refusal {code}, but the command was accepted");
        decision.Rejection.Code.ShouldBe(code, decision.Rejection.Message);
        var recovery = decision.Events.OfType<LineageRecoveryRequired>().ShouldHaveSingleItem();
        recovery.Reason.ShouldBe(reason);
        recovery.RefusedCode.ShouldBe(code);
        return recovery;
    }
}
