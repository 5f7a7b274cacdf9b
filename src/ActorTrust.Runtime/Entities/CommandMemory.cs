using ActorTrust.Core.Entities;

namespace ActorTrust.Runtime.Entities;

/// <summary>
/// The outcomes of the last N commands an entity recorded, by command id, so a retried command gets its
/// original outcome back and writes nothing. Oldest ids are forgotten first.
/// </summary>
internal sealed class CommandMemory(int capacity)
{
    private readonly Dictionary<string, Rejection?> _outcomes = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string commandId, out Rejection? rejection) => _outcomes.TryGetValue(commandId, out rejection);

    public void Remember(string commandId, Rejection? rejection)
    {
        if (capacity == 0)
        {
            return;
        }

        if (_outcomes.TryAdd(commandId, rejection))
        {
            _order.Enqueue(commandId);
            if (_order.Count > capacity)
            {
                _outcomes.Remove(_order.Dequeue());
            }
        }
        else if (rejection is not null)
        {
            _outcomes[commandId] = rejection;
        }
    }
}
