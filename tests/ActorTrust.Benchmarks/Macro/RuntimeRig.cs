using ActorTrust.Benchmarks.Entity;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// The runtime wired as the embedded node wires it: a SQLite journal, embedded shard leases, one group-commit
/// <see cref="JournalWriter"/> and a registry of the benchmark kind, on the system clock.
/// </summary>
internal sealed class RuntimeRig : IAsyncDisposable
{
    public const string NodeId = "bench:0:1";

    private RuntimeRig(IJournal journal, IShardLeases leases, JournalWriter writer)
    {
        Journal = journal;
        Leases = leases;
        Writer = writer;
        Registry = NewRegistry();
    }

    public IJournal Journal { get; }

    public IShardLeases Leases { get; }

    public JournalWriter Writer { get; }

    public EntityRegistry<BenchState, BenchCommand, BenchEvent> Registry { get; private set; }

    public static async Task<RuntimeRig> OpenAsync(string path, SqliteSynchronous synchronous, CancellationToken cancellationToken, int? walCheckpointPages = null)
    {
        var options = new SqliteJournalOptions { DataSource = path, Synchronous = synchronous };
        options.WalAutoCheckpointPages = walCheckpointPages ?? options.WalAutoCheckpointPages;
        var journal = await SqliteJournal.OpenAsync(options, cancellationToken);
        var leases = await EmbeddedShardLeases.StartAsync(journal, NodeId, cancellationToken);
        var writer = new JournalWriter(journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);
        return new RuntimeRig(journal, leases, writer);
    }

    /// <summary>The runtime over <paramref name="journal"/> (already initialized) with <paramref name="leases"/>.</summary>
    public static RuntimeRig Over(IJournal journal, IShardLeases leases, int writerLoops = 1) =>
        new(journal, leases, new JournalWriter(journal, new JournalWriterOptions { Loops = writerLoops }, NullLogger<JournalWriter>.Instance));

    /// <summary>The runtime over a <see cref="NullJournal"/>: no I/O, so only the runtime's own cost is measured.</summary>
    public static RuntimeRig OpenWithoutIo()
    {
        var journal = new NullJournal();
        return new RuntimeRig(journal, new NullJournal.Leases(), new JournalWriter(journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance));
    }

    /// <summary>Stops the registry and starts an empty one on the same journal: the next message re-activates from the journal.</summary>
    public async Task RestartRegistryAsync()
    {
        await Registry.StopAsync();
        Registry = NewRegistry();
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.StopAsync();
        await Writer.DisposeAsync();
        await Journal.DisposeAsync();
    }

    private EntityRegistry<BenchState, BenchCommand, BenchEvent> NewRegistry() =>
        new(BenchCounter.Kind, Journal, Writer, Leases, TimeProvider.System,
            new EntityRuntimeOptions { MailboxCapacity = 10_000 }, NullLogger.Instance);
}
