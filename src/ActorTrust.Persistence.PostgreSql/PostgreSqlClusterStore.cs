using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Journal;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>
/// Shard leases and cluster membership in PostgreSQL (engines.md §8.3, §8.4.1). Every time is the database's
/// <c>clock_timestamp()</c>; no node clock is ever written or compared. Lease changes are single compare-and-set
/// statements; membership changes move the <c>cluster_version</c> row by compare-and-set in the same transaction.
/// </summary>
public sealed partial class PostgreSqlClusterStore : IClusterLeaseStore, IMembershipStore, IAsyncDisposable
{
    private readonly PostgreSqlJournalOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private volatile bool _initialized;
    private int _disposed;

    /// <summary>Creates a store over <see cref="PostgreSqlJournalOptions.ConnectionString"/>; call <see cref="InitializeAsync"/> before use.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public PostgreSqlClusterStore(PostgreSqlJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _dataSource = options.CreateDataSource();
    }

    /// <summary>The cluster whose membership this store reads and writes.</summary>
    public string ClusterId => _options.ClusterId;

    /// <summary>Creates and initializes a store.</summary>
    public static async Task<PostgreSqlClusterStore> OpenAsync(PostgreSqlJournalOptions options, CancellationToken cancellationToken) =>
        await StoreOpening.InitializeOrDisposeAsync(new PostgreSqlClusterStore(options), (store, ct) => store.InitializeAsync(ct), cancellationToken);

    /// <summary>Creates or migrates the schema and this cluster's version row (version 0 when new).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await PostgreSqlSchema.MigrateAsync(_dataSource, cancellationToken);
        await using var command = _dataSource.CreateCommand("INSERT INTO cluster_version (cluster_id) VALUES ($1) ON CONFLICT (cluster_id) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
        await command.ExecuteNonQueryAsync(cancellationToken);
        _initialized = true;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT clock_timestamp()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        EnsureReady();
        var command = _dataSource.CreateCommand(sql);
        AddParameters(command, parameters);
        return command;
    }

    private static void AddParameters(NpgsqlCommand command, object?[] parameters)
    {
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    private void EnsureReady()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("the PostgreSQL cluster store is not initialized; call InitializeAsync first");
        }
    }
}
