using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.Core.TrustRecords;
using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

namespace ActorTrust.Core.Tests.Sessions;

/// <summary>
/// A session decided step by step with its journal kept the way the runtime keeps it (<see cref="HashChain"/>), so
/// the node-supplied journal head and an export of the stream can be checked against the Trust Record.
/// </summary>
internal sealed class SessionRun
{
    private static readonly EventCatalog<SessionEvent> Catalog = EventCatalog<SessionEvent>.FromAssembly();
    private readonly List<JournalRecord> _records = [];

    public SessionRun(string sessionId = SessionFixtures.SessionId)
    {
        SessionId = sessionId;
        Spec = new DeciderSpec<SessionState, SessionCommand, SessionEvent>(SessionDecider.Instance, sessionId);
    }

    public string SessionId { get; }

    public DeciderSpec<SessionState, SessionCommand, SessionEvent> Spec { get; }

    public IReadOnlyList<JournalRecord> Records => _records;

    public IReadOnlyList<JournalLink> Links => [.. _records.Select(r => new JournalLink(r.SeqNr, r.PrevHash, r.Hash))];

    public JournalHead Head => new(_records.Count, _records.Count == 0 ? HashChain.Genesis("session|" + SessionId) : _records[^1].Hash);

    /// <summary>An admitted session (the default <see cref="SessionFixtures.Open"/>) with <paramref name="calls"/> tool calls.</summary>
    public static SessionRun Opened(params ToolCall[] calls)
    {
        var run = new SessionRun();
        run.Apply(SessionFixtures.Open());
        foreach (var call in calls)
        {
            run.Apply(new RecordToolCall(call));
        }

        return run;
    }

    public IReadOnlyList<SessionEvent> Apply(SessionCommand command, DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        var events = Spec.Apply(command, now);
        foreach (var @event in events)
        {
            var previous = _records.Count == 0 ? HashChain.Genesis("session|" + SessionId) : _records[^1].Hash;
            var seq = _records.Count + 1;
            var payload = Catalog.Serialize(@event);
            var name = Catalog.NameOf(@event);
            var hash = HashChain.Compute(previous, "session|" + SessionId, seq, name, payload, now, "node-1:1", 1, $"cmd-{seq}");
            _records.Add(new JournalRecord(seq, "session|" + SessionId, seq, name, payload, now, "node-1:1", 1, $"cmd-{seq}", previous, hash));
        }

        return events;
    }

    public CloseSession Close(int nodeKey = SessionFixtures.NodeKey, long sequence = 1, Digest? previous = null) =>
        new("node-1", Head, sequence, previous, TestKeys.Signer(nodeKey));

    /// <summary>Closes the session and returns the close event.</summary>
    public SessionClosed CloseNow(int nodeKey = SessionFixtures.NodeKey, long sequence = 1, Digest? previous = null, DateTimeOffset? at = null) =>
        Apply(Close(nodeKey, sequence, previous), at ?? Now.AddMinutes(3)).ShouldHaveSingleItem().ShouldBeOfType<SessionClosed>();
}
