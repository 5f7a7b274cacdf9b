using ActorTrust.Core.Crypto;
using System.CommandLine;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Commands.Audit;

/// <summary>
/// Where an audit reads from: a node's data directory (its SQLite journal), a cluster's shared PostgreSQL journal,
/// or a JSON Lines export.
/// </summary>
internal static class AuditSources
{
    public const string DefaultDataDir = "./data";

    /// <summary>The environment variable <c>--postgresql</c> falls back to.</summary>
    public const string PostgreSqlVariable = "ACTORTRUST_POSTGRESQL";

    /// <summary>A fresh <c>--postgresql</c> option: read a cluster's journal instead of a data directory.</summary>
    public static Option<string?> CreatePostgreSqlOption() => new("--postgresql")
    {
        Description = $"Read a cluster's shared PostgreSQL journal (an Npgsql connection string; default ${PostgreSqlVariable} when set)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } text ? text : null,
    };

    /// <summary>Opens the journal in <paramref name="dataDir"/>; refuses to create one where none exists.</summary>
    public static async Task<IJournal> OpenAsync(string? dataDir, string? export, CancellationToken cancellationToken, string? postgresql = null)
    {
        if (export is not null && postgresql is not null)
        {
            throw new ArgumentException("give either --export or --postgresql, not both");
        }

        if (postgresql is not null)
        {
            return await PostgreSqlJournal.OpenExistingAsync(new PostgreSqlJournalOptions { ConnectionString = postgresql }, cancellationToken);
        }

        if (export is not null)
        {
            await using var input = File.OpenRead(export);
            return await AuditExport.ReadAsync(input, cancellationToken);
        }

        var path = Path.Combine(dataDir ?? DefaultDataDir, "journal.db");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no journal at '{path}' (use --data DIR with a node's data directory, or --export FILE)", path);
        }

        return await SqliteJournal.OpenAsync(new SqliteJournalOptions { DataSource = path }, cancellationToken);
    }

    /// <summary>
    /// The node keys whose checkpoints are trusted: those given with --trust, else the public half of the data
    /// directory's node key (convenient for an operator; an independent auditor should pass the keys explicitly).
    /// </summary>
    public static IReadOnlyList<Ed25519PublicKey> TrustedNodeKeys(string[]? trust, string? dataDir)
    {
        if (trust is { Length: > 0 })
        {
            return [.. trust.Select(t => TrustedKeys.Load(t).PublicKey)];
        }

        var nodeKey = Path.Combine(dataDir ?? DefaultDataDir, "node.key");
        if (!File.Exists(nodeKey))
        {
            return [];
        }

        using var keyFile = KeyFileIo.Read(nodeKey);
        return [keyFile.PublicKey];
    }
}
