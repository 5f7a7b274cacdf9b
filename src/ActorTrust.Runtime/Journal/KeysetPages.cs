using System.Runtime.CompilerServices;

namespace ActorTrust.Runtime.Journal;

/// <summary>Reads a keyset-paged query to its end: each page starts after the last item of the page before.</summary>
public static class KeysetPages
{
    /// <summary>
    /// Every item of every page, in order. <paramref name="readPageAfter"/> gets the last item of the previous page
    /// (null for the first page) and returns at most <paramref name="pageSize"/> items; a shorter page is the last.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        int pageSize,
        Func<T?, CancellationToken, Task<IReadOnlyList<T>>> readPageAfter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentNullException.ThrowIfNull(readPageAfter);
        T? last = null;
        while (true)
        {
            var page = await readPageAfter(last, cancellationToken);
            for (var i = 0; i < page.Count; i++)
            {
                yield return page[i];
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            last = page[^1];
        }
    }
}
