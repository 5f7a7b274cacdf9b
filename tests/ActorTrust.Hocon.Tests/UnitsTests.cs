using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Hocon.Tests;

/// <summary>The "Duration format" and "Size in bytes format" sections of the specification.</summary>
public sealed class UnitsTests
{
    public static TheoryData<string, long> Durations => new()
    {
        { "500", 500 * TimeSpan.TicksPerMillisecond },
        { "100ns", 1 },
        { "100 nano", 1 },
        { "200 nanos", 2 },
        { "1000 nanosecond", 10 },
        { "1000 nanoseconds", 10 },
        { "1us", 10 },
        { "1 micro", 10 },
        { "2 micros", 20 },
        { "1 microsecond", 10 },
        { "3 microseconds", 30 },
        { "1ms", TimeSpan.TicksPerMillisecond },
        { "1 milli", TimeSpan.TicksPerMillisecond },
        { "2 millis", 2 * TimeSpan.TicksPerMillisecond },
        { "1 millisecond", TimeSpan.TicksPerMillisecond },
        { "250 milliseconds", 250 * TimeSpan.TicksPerMillisecond },
        { "15s", 15 * TimeSpan.TicksPerSecond },
        { "1 second", TimeSpan.TicksPerSecond },
        { "30 seconds", 30 * TimeSpan.TicksPerSecond },
        { "1.5s", 15 * TimeSpan.TicksPerSecond / 10 },
        { "2m", 2 * TimeSpan.TicksPerMinute },
        { "1 minute", TimeSpan.TicksPerMinute },
        { "5 minutes", 5 * TimeSpan.TicksPerMinute },
        { "1h", TimeSpan.TicksPerHour },
        { "1 hour", TimeSpan.TicksPerHour },
        { "12 hours", 12 * TimeSpan.TicksPerHour },
        { "1d", TimeSpan.TicksPerDay },
        { "1 day", TimeSpan.TicksPerDay },
        { "7 days", 7 * TimeSpan.TicksPerDay },
        { "  10 s  ", 10 * TimeSpan.TicksPerSecond },
        { "1e3ms", TimeSpan.TicksPerSecond },
        { "-5s", -5 * TimeSpan.TicksPerSecond },
        { "0", 0 },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Duration_units_follow_the_specification(string text, long ticks)
    {
        HoconValues.ParseDuration(text).ShouldBe(TimeSpan.FromTicks(ticks));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("10 S")]
    [InlineData("10 MS")]
    [InlineData("10 weeks")]
    [InlineData("ten seconds")]
    [InlineData("10s extra")]
    [InlineData("10 s5")]
    [InlineData("00:00:15")]
    [InlineData("99999999999999 days")]
    public void Text_that_is_not_a_duration_is_rejected(string text)
    {
        HoconValues.TryParseDuration(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => HoconValues.ParseDuration(text)).Message.ShouldContain("is not a HOCON duration");
    }

    public static TheoryData<string, long> Sizes => new()
    {
        { "0", 0 },
        { "10", 10 },
        { "1B", 1 },
        { "1b", 1 },
        { "1 byte", 1 },
        { "2 bytes", 2 },
        { "1kB", 1_000 },
        { "1KB", 1_000 },
        { "1 kilobyte", 1_000 },
        { "2 kilobytes", 2_000 },
        { "1K", 1_024 },
        { "1k", 1_024 },
        { "1Ki", 1_024 },
        { "1KiB", 1_024 },
        { "1 kibibyte", 1_024 },
        { "2 kibibytes", 2_048 },
        { "1MB", 1_000_000 },
        { "1 megabytes", 1_000_000 },
        { "1M", 1L << 20 },
        { "1m", 1L << 20 },
        { "1Mi", 1L << 20 },
        { "64 MiB", 64L << 20 },
        { "1 mebibyte", 1L << 20 },
        { "1GB", 1_000_000_000 },
        { "1 gigabyte", 1_000_000_000 },
        { "1G", 1L << 30 },
        { "1g", 1L << 30 },
        { "1GiB", 1L << 30 },
        { "1 gibibytes", 1L << 30 },
        { "1TB", 1_000_000_000_000 },
        { "1T", 1L << 40 },
        { "1 tebibyte", 1L << 40 },
        { "1PB", 1_000_000_000_000_000 },
        { "1P", 1L << 50 },
        { "1 pebibytes", 1L << 50 },
        { "1EB", 1_000_000_000_000_000_000 },
        { "1E", 1L << 60 },
        { "1 EiB", 1L << 60 },
        { "1 exbibyte", 1L << 60 },
        { "1.5K", 1_536 },
        { " 512 k ", 512 * 1_024 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Size_units_follow_the_specification(string text, long bytes)
    {
        HoconValues.ParseSize(text).ShouldBe(bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1 kb")]
    [InlineData("1 mb")]
    [InlineData("1 Kb")]
    [InlineData("1 ZB")]
    [InlineData("1 YiB")]
    [InlineData("8 EiB")]
    [InlineData("lots")]
    [InlineData("1 MiB 2")]
    public void Text_that_is_not_a_size_is_rejected(string text)
    {
        HoconValues.TryParseSize(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => HoconValues.ParseSize(text)).Message.ShouldContain("is not a HOCON size");
    }

    [Fact]
    public void Binary_units_multiply_by_powers_of_two_for_any_count()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), count =>
                HoconValues.ParseSize($"{count}K") == count * 1024L
                && HoconValues.ParseSize($"{count} MiB") == count * 1024L * 1024L)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Bare_numbers_are_milliseconds_for_any_count()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), count =>
                HoconValues.ParseDuration(count.ToString(System.Globalization.CultureInfo.InvariantCulture)) == TimeSpan.FromMilliseconds(count))
            .QuickCheckThrowOnFailure();
    }
}
