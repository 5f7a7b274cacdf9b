using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Api;

/// <summary>
/// The audit stream of one entity (<c>/v1/entities/{kind}/{id}/events</c>) and the global feed
/// (<c>/v1/events</c>, a page or, with <c>follow=true</c>, a never-ending NDJSON stream).
/// </summary>
internal static class EventEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/entities/{kind}/{id}/events", async (string kind, string id, long? from, int? limit, IJournal journal, NodeOptions options, CancellationToken ct) =>
        {
            var max = BodyLimits.PageSize(limit, options.MaxPageSize, options.MaxPageSize);
            if (!ApiIds.TryKind(kind, out var problem) || !ApiIds.TryEntityId(id, out var entityId, out problem))
            {
                return problem!;
            }

            var records = new List<JournalRecord>();
            await foreach (var record in journal.ReadStreamAsync(PersistenceIds.For(kind, entityId), Math.Max(1, from ?? 1), ct))
            {
                records.Add(record);
                if (records.Count == max)
                {
                    break;
                }
            }

            var next = records.Count == 0 ? (from ?? 1) - 1 : records[^1].SeqNr;
            return Results.Bytes(EventJson.Page(records, next), "application/json");
        });

        app.MapGet("/v1/events", async (HttpContext http, long? after, int? limit, string? kind, bool? follow, IJournal journal, JournalWriter writer, NodeOptions options) =>
        {
            var max = BodyLimits.PageSize(limit, options.MaxPageSize, options.MaxPageSize);
            var filter = kind is null ? FeedFilter.All : new FeedFilter(kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var position = Math.Max(0, after ?? 0);
            if (follow != true)
            {
                var page = await journal.ReadFeedAsync(position, max, filter, http.RequestAborted);
                await Results.Bytes(EventJson.Page(page, page.Count == 0 ? position : page[^1].GlobalPosition), "application/json").ExecuteAsync(http);
                return;
            }

            await FollowAsync(http, journal, writer.Committed, position, max, filter);
        });
    }

    // Streams the feed as NDJSON until the client goes away: each page is written and flushed, then the
    // loop waits for the next commit (or a heartbeat interval, answering with an empty line to keep proxies open).
    private static async Task FollowAsync(HttpContext http, IJournal journal, CommitSignal committed, long position, int max, FeedFilter filter)
    {
        http.Response.ContentType = "application/x-ndjson";
        var ct = http.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = committed.NextAsync(ct);
                var page = await journal.ReadFeedAsync(position, max, filter, ct);
                foreach (var record in page)
                {
                    await http.Response.Body.WriteAsync(EventJson.Line(record), ct);
                    position = record.GlobalPosition;
                }

                await http.Response.Body.FlushAsync(ct);
                if (page.Count < max)
                {
                    await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), ct));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
