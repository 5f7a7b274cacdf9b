using ActorTrust.Core.Entities;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>A command to the multi-node specs' test entity, the ledger.</summary>
public abstract record LedgerCommand;

/// <summary>Adds <paramref name="Amount"/> to the ledger's balance (zero is a no-op; negative is refused unrecorded).</summary>
/// <param name="Amount">The amount.</param>
public sealed record Deposit(long Amount) : LedgerCommand;

/// <summary>An event of the ledger.</summary>
public abstract record LedgerEvent;

/// <summary>An accepted deposit.</summary>
/// <param name="Amount">The amount.</param>
[EventName("ledger.deposited.v1")]
public sealed record Deposited(long Amount) : LedgerEvent;

/// <summary>The ledger's state: its balance and how many deposits made it.</summary>
/// <param name="Balance">Sum of every deposit.</param>
/// <param name="Deposits">Number of deposits.</param>
public sealed record LedgerState(long Balance, int Deposits);

/// <summary>
/// The ledger: a small entity kind for multi-node specs. Every accepted deposit is one event, so the events of a
/// ledger are exactly its acknowledged deposits — what "no acknowledged event lost" is checked against.
/// </summary>
public sealed class LedgerDecider : IDecider<LedgerState, LedgerCommand, LedgerEvent>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "ledger";

    /// <inheritdoc />
    public LedgerState Initial { get; } = new(0, 0);

    /// <inheritdoc />
    public Decision<LedgerEvent> Decide(LedgerState state, LedgerCommand command, DecisionContext context) => command switch
    {
        Deposit { Amount: 0 } => Decision<LedgerEvent>.Accept(),
        Deposit { Amount: < 0 } d => Decision<LedgerEvent>.Reject("NegativeDeposit", $"cannot deposit {d.Amount}"),
        Deposit d => Decision<LedgerEvent>.Accept(new Deposited(d.Amount)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), $"unknown ledger command {command.GetType().Name}"),
    };

    /// <inheritdoc />
    public LedgerState Evolve(LedgerState state, LedgerEvent @event) => @event switch
    {
        Deposited d => new LedgerState(state.Balance + d.Amount, state.Deposits + 1),
        _ => state,
    };

    /// <summary>The ledger kind with <paramref name="numShards"/> shards; JSON snapshots when <paramref name="snapshots"/>.</summary>
    public static EntityKind<LedgerState, LedgerCommand, LedgerEvent> Kind(int numShards, bool snapshots = true) => Kind(new LedgerDecider(), numShards, snapshots);

    /// <summary>The ledger kind around <paramref name="decider"/> (a recording wrapper, for instance).</summary>
    public static EntityKind<LedgerState, LedgerCommand, LedgerEvent> Kind(IDecider<LedgerState, LedgerCommand, LedgerEvent> decider, int numShards, bool snapshots = true) => new()
    {
        Name = KindName,
        Decider = decider,
        Events = EventCatalog<LedgerEvent>.FromAssembly(),
        NumShards = numShards,
        WriteSnapshot = snapshots ? s => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(s) : null,
        ReadSnapshot = snapshots ? b => System.Text.Json.JsonSerializer.Deserialize<LedgerState>(b)! : null,
    };
}
