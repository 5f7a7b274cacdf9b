using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Tests.Journal;

public sealed class KeysetPagesTests
{
    private static readonly string[] Items = ["a", "b", "c", "d", "e", "f", "g"];

    [Fact]
    public async Task Every_item_is_read_once_in_order_each_page_after_the_last_item_of_the_page_before()
    {
        var asked = new List<string?>();

        var read = await KeysetPages.ReadAsync<string>(3, (last, _) => PageAfter(last, 3, asked), CancellationToken.None).ToListAsync();

        read.ShouldBe(Items);
        asked.ShouldBe([null, "c", "f"]);
    }

    [Fact]
    public async Task A_full_last_page_is_followed_by_one_empty_read_that_ends_it()
    {
        var asked = new List<string?>();

        var read = await KeysetPages.ReadAsync<string>(7, (last, _) => PageAfter(last, 7, asked), CancellationToken.None).ToListAsync();

        read.ShouldBe(Items);
        asked.ShouldBe([null, "g"]);
    }

    private static Task<IReadOnlyList<string>> PageAfter(string? last, int pageSize, List<string?> asked)
    {
        asked.Add(last);
        IReadOnlyList<string> page = Items.Where(item => last is null || string.CompareOrdinal(item, last) > 0).Take(pageSize).ToArray();
        return Task.FromResult(page);
    }
}
