using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.Journal;
using ActorTrust.TestKit.JournalConformance;

namespace ActorTrust.Runtime.Tests.Journal;

/// <summary>The in-memory journal the entity tests use obeys the same rules as the real backends.</summary>
public sealed class InMemoryJournalConformanceTests : JournalConformanceTests
{
    protected override Task<IJournal> CreateJournalAsync() => Task.FromResult<IJournal>(new InMemoryJournal());
}
