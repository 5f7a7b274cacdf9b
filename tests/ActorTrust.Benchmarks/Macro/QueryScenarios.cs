using System.Diagnostics;
using System.Threading.Channels;
using ActorTrust.Benchmarks.Entity;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// (5) Queries to one active entity (<c>QueryAsync</c>): one caller awaiting each reply, and many callers at once.
/// The baseline is the bare pattern the mailbox is made of, in the same run: a bounded single-reader channel whose
/// loop completes a <see cref="TaskCompletionSource{TResult}"/> per request.
/// </summary>
internal static class QueryScenarios
{
    public sealed record Figures(Measured Sequential, Measured Pipelined, Measured ChannelSequential, Measured ChannelPipelined);

    public static async Task<Figures> RunAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-query"), options.Synchronous, cancellationToken);
        await rig.Registry.SendAsync("q", "seed", new Step(1), cancellationToken);
        Func<Task<int>> query = async () =>
        {
            _ = await rig.Registry.QueryAsync("q", (state, _) => state.Total, cancellationToken);
            return 1;
        };
        var echo = new ChannelEcho();
        var sequential = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
            [Contender.Async("QueryAsync", query), Contender.Async("channel echo", echo.AskAsync)]);
        var pipelined = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
            [ManyCallers("QueryAsync", options.QueryCallers, query), ManyCallers("channel echo", options.QueryCallers, echo.AskAsync)]);
        await echo.StopAsync();
        return new Figures(sequential[0], pipelined[0], sequential[1], pipelined[1]);
    }

    /// <summary><paramref name="callers"/> loops of <paramref name="ask"/> at once, each on its own pool thread.</summary>
    private static Contender ManyCallers(string name, int callers, Func<Task<int>> ask) => new(name, async duration =>
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            long done = 0;
            while (clock.Elapsed < duration)
            {
                done += await ask();
            }

            return done;
        })));
        return new Rate(counts.Sum(), clock.Elapsed);
    });

    /// <summary>A mailbox with nothing in it but the mailbox: a single reader answering each request.</summary>
    private sealed class ChannelEcho
    {
        private readonly Channel<TaskCompletionSource<int>> _requests =
            Channel.CreateBounded<TaskCompletionSource<int>>(new BoundedChannelOptions(10_000) { SingleReader = true });

        private readonly Task _loop;

        public ChannelEcho() => _loop = Task.Run(LoopAsync);

        public async Task<int> AskAsync()
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_requests.Writer.TryWrite(reply))
            {
                throw new InvalidOperationException("echo mailbox full");
            }

            return await reply.Task;
        }

        public async Task StopAsync()
        {
            _requests.Writer.TryComplete();
            await _loop;
        }

        private async Task LoopAsync()
        {
            await foreach (var request in _requests.Reader.ReadAllAsync())
            {
                request.TrySetResult(1);
            }
        }
    }
}
