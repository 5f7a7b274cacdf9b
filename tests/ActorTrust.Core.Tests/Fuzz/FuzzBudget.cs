namespace ActorTrust.Core.Tests.Fuzz;

/// <summary>
/// How many damaged cases each fuzz test makes. The whole fuzz suite (Core, Hocon and Node) must stay under two
/// minutes on a 2-core CI machine; raise this locally for a deeper run — the cases stay deterministic.
/// </summary>
public static class FuzzBudget
{
    public const int CasesPerTarget = 120;
}
