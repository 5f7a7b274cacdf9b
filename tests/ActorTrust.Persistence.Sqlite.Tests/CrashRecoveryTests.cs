using System.Text.RegularExpressions;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>
/// Invariant I5 under a hard crash: the crash writer appends hash-chained events and prints each acknowledged
/// append; it is SIGKILLed mid-load, and the reopened journal must hold every acknowledged event, contiguous
/// and chain-verified.
/// </summary>
public sealed partial class CrashRecoveryTests : IDisposable
{
    private const int AcksBeforeKill = 300;
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task Every_acknowledged_append_survives_a_SIGKILL_of_the_writing_process()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var acked = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var writer = CrashWriterProcess.Start(_database.Path, maxSeconds: 120))
        {
            var acks = 0;
            while (acks < AcksBeforeKill)
            {
                var line = await ReadOrFailAsync(writer, timeout.Token, $"waiting for ack {acks + 1} of {AcksBeforeKill}");
                Record(acked, line ?? throw new InvalidOperationException(
                    $"the crash writer ended after {acks} acks (exit code {ExitCodeOf(writer)}) before it could be killed:{Environment.NewLine}{writer.Stderr}"));
                acks++;
            }

            writer.HasExited.ShouldBeFalse($"the crash writer must still be writing when it is killed; stderr: {writer.Stderr}");
            await writer.KillAsync(timeout.Token);
            if (OperatingSystem.IsLinux())
            {
                writer.ExitCode.ShouldBe(128 + 9, "the process should have died of SIGKILL");
            }

            // Lines already in the pipe were printed after their commit: they are acknowledged too.
            while (await ReadOrFailAsync(writer, timeout.Token, "draining output after the kill") is { } line)
            {
                Record(acked, line);
            }
        }

        await using var journal = await _database.OpenAsync(timeout.Token);
        var streams = new List<string>();
        await foreach (var id in journal.ReadPersistenceIdsAsync(timeout.Token))
        {
            streams.Add(id);
        }

        acked.Keys.ShouldBeSubsetOf(streams, "every acknowledged stream must exist after the crash");
        foreach (var persistenceId in streams)
        {
            var verifier = new ChainVerifier(persistenceId);
            await foreach (var record in journal.ReadStreamAsync(persistenceId, 1, timeout.Token))
            {
                verifier.Check(record).ShouldBeNull();
            }

            verifier.CheckEnd(acked.GetValueOrDefault(persistenceId)).ShouldBeNull($"acknowledged events of {persistenceId} are missing");
            (await journal.ReadHighestSeqNrAsync(persistenceId, timeout.Token)).ShouldBe(verifier.LastSeqNr);
        }
    }

    private static async Task<string?> ReadOrFailAsync(CrashWriterProcess writer, CancellationToken timeout, string what)
    {
        try
        {
            return await writer.ReadLineAsync(timeout);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out {what}; crash writer stderr:{Environment.NewLine}{writer.Stderr}");
        }
    }

    private static void Record(Dictionary<string, long> acked, string line)
    {
        if (line == "done")
        {
            return;
        }

        // A line cut short by the kill has no "end" marker and proves nothing; it is ignored.
        var match = AckLine().Match(line);
        if (!match.Success)
        {
            line.ShouldNotEndWith(" end", $"unexpected crash writer output: {line}");
            return;
        }

        var seqNr = long.Parse(match.Groups["seq"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var pid = match.Groups["pid"].Value;
        acked[pid] = Math.Max(acked.GetValueOrDefault(pid), seqNr);
    }

    private static string ExitCodeOf(CrashWriterProcess writer) => writer.HasExited ? writer.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";

    [GeneratedRegex(@"^ack (?<pid>\S+) (?<seq>\d+) end$")]
    private static partial Regex AckLine();

    public void Dispose() => _database.Dispose();
}
