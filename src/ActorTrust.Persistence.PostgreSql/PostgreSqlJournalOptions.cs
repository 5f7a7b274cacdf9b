using Npgsql;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>Settings of the PostgreSQL journal and cluster store (<c>actortrust.journal.postgresql</c>).</summary>
public sealed class PostgreSqlJournalOptions
{
    private const string GenericPlans = "-c plan_cache_mode=force_generic_plan";

    /// <summary>The Npgsql connection string (<c>connection-string</c>). Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The cluster this node belongs to: the key of the membership version row (<c>cluster-id</c>).</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary>Events read per query when replaying a stream (<c>replay-page-size</c>).</summary>
    public int ReplayPageSize { get; set; } = 1000;

    /// <summary>How long one statement may run before it is cancelled (<c>command-timeout</c>).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pooled connections the journal appends through (<c>append-connections</c>), apart from the reading pool. A node's
    /// writer loops (at most 16) use one each, one transaction at a time; in a small pool of their own every append lands on
    /// a backend that has run the append function before and kept its plans, where the shared pool handed appends out
    /// over every reading connection in turn and PostgreSQL planned the function's statements again on most calls.
    /// More appends at once than this wait for a free connection (up to the connection string's <c>Timeout</c>).
    /// </summary>
    public int AppendConnections { get; set; } = DefaultAppendConnections;

    /// <summary>The default of <see cref="AppendConnections"/>: one per writer loop at the most (<c>actortrust.journal.writer.loops</c> is at most 16).</summary>
    public const int DefaultAppendConnections = 16;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("actortrust.journal.postgresql.connection-string is required (e.g. \"Host=127.0.0.1;Port=5432;Username=actortrust;Database=actortrust\")", nameof(ConnectionString));
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"actortrust.journal.postgresql.connection-string is not a valid Npgsql connection string: {e.Message}", nameof(ConnectionString), e);
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 200)
        {
            throw new ArgumentException($"actortrust.journal.postgresql.cluster-id must be 1-200 characters, got '{ClusterId}'", nameof(ClusterId));
        }

        if (ReplayPageSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"actortrust.journal.postgresql.replay-page-size must be between 1 and 100000, got {ReplayPageSize}", nameof(ReplayPageSize));
        }

        if (AppendConnections is < 1 or > 1000)
        {
            throw new ArgumentException($"actortrust.journal.postgresql.append-connections must be between 1 and 1000, got {AppendConnections}", nameof(AppendConnections));
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"actortrust.journal.postgresql.command-timeout must be between 1 s and 1 h, got {CommandTimeout}", nameof(CommandTimeout));
        }
    }

    /// <summary>The application name of append connections when the connection string names none.</summary>
    internal const string AppendApplicationName = "actortrust-journal-append";

    /// <summary>A data source for these options: statements auto-prepared, the command timeout applied.</summary>
    internal NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(Builder().ConnectionString);

    /// <summary>
    /// The journal's reading pool: like <see cref="CreateDataSource"/>, but a connection given back is not reset
    /// (<c>No Reset On Close</c>). Npgsql otherwise sends seven reset statements with the next use of the connection;
    /// nothing run through this pool leaves session state behind (plain reads and inserts, transaction-level locks only).
    /// </summary>
    internal NpgsqlDataSource CreateReadDataSource()
    {
        var builder = Builder();
        builder.NoResetOnClose = true;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>
    /// The journal's append pool: like <see cref="CreateDataSource"/>, at most <see cref="AppendConnections"/> connections
    /// (fewer when the connection string's <c>Maximum Pool Size</c> is lower), reset when given back as usual, and with
    /// <c>plan_cache_mode = force_generic_plan</c> for their sessions: the append statements look rows up only by key
    /// (lease rows by kind and shard, stream heads by the <c>(persistence_id, seq_nr)</c> index with <c>LIMIT 1</c>), so
    /// the generic plan is the custom plan's shape, and PostgreSQL otherwise planned them again on every call (a fifth of
    /// its CPU under the cluster benchmark).
    /// </summary>
    internal NpgsqlDataSource CreateAppendDataSource()
    {
        var builder = Builder();
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, AppendConnections);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        builder.ApplicationName ??= AppendApplicationName;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? GenericPlans : $"{builder.Options} {GenericPlans}";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private NpgsqlConnectionStringBuilder Builder()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            CommandTimeout = (int)Math.Ceiling(CommandTimeout.TotalSeconds),
        };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        return builder;
    }
}
