using Npgsql;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>Settings of the PostgreSQL journal and cluster store (<c>actortrust.journal.postgresql</c>).</summary>
public sealed class PostgreSqlJournalOptions
{
    /// <summary>The Npgsql connection string (<c>connection-string</c>). Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The cluster this node belongs to: the key of the membership version row (<c>cluster-id</c>).</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary>Events read per query when replaying a stream (<c>replay-page-size</c>).</summary>
    public int ReplayPageSize { get; set; } = 1000;

    /// <summary>How long one statement may run before it is cancelled (<c>command-timeout</c>).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

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

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"actortrust.journal.postgresql.command-timeout must be between 1 s and 1 h, got {CommandTimeout}", nameof(CommandTimeout));
        }
    }

    /// <summary>
    /// Connections at most in the journal's append pool (<see cref="CreateAppendDataSource"/>): one per writer loop at the
    /// most (<c>actortrust.journal.writer.loops</c> is at most 16). The pool opens them only as appends overlap.
    /// </summary>
    internal const int AppendConnections = 16;

    /// <summary>The application name of append connections when the connection string names none.</summary>
    internal const string AppendApplicationName = "actortrust-journal-append";

    /// <summary>A data source for these options: statements auto-prepared, the command timeout applied.</summary>
    internal NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(Builder().ConnectionString);

    /// <summary>
    /// The data source of journal appends: at most <see cref="AppendConnections"/> connections, so appends go to the few
    /// backends that ran the previous ones (their plans, prepared statements and mapped shared buffers warm), not in turn
    /// to every idle connection a burst of reads left in the shared pool.
    /// </summary>
    internal NpgsqlDataSource CreateAppendDataSource()
    {
        var builder = Builder();
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, AppendConnections);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        builder.ApplicationName ??= AppendApplicationName;
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
