using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Hocon.Tests.Fuzz;

/// <summary>
/// Hostile HOCON: the shipped <c>reference.conf</c> and <c>node.conf</c> damaged with bit flips, truncation, invalid
/// UTF-8, stray tokens, substitutions, includes, deep nesting, huge numbers, duplicated lines and oversized strings.
/// Loading must end in a configuration or a <see cref="HoconException"/> with a position — never another exception.
/// FsCheck draws the cases from a fixed seed; <see cref="CasesPerFile"/> scales the run.
/// </summary>
public sealed class HoconFuzzTests
{
    /// <summary>Cases per seed file; the fuzz suite as a whole must stay under two minutes in CI.</summary>
    public const int CasesPerFile = 400;

    private const ulong ReplaySeed = 0x484F_434F_4E46_555A;

    private static readonly string[] Tokens =
    [
        "${", "}", "{", "[", "]", "\"", "\"\"\"", "+=", "=", ":", "\\", "\n", "//", "#", ",", "${?NOPE}", "${actortrust.node}",
        "include \"missing.conf\"", "include required(\"missing.conf\")", "include url(\"http://127.0.0.1:1/x\")", "a = ${a}",
        "1e400", "-9223372036854775809", "99999999999999999999 MiB", "1.5.5s", "\u0000", "\u2028",
    ];

    public static TheoryData<string> Seeds() => ["reference.conf", "node.conf"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Damaged_configuration_loads_or_fails_with_a_hocon_error(string file)
    {
        var valid = File.ReadAllBytes(RepoFile("hocon", file));
        var gen = Gen.Zip(Gen.Choose(0, 9), Gen.Choose(0, int.MaxValue));
        var failures = new List<string>();

        foreach (var (kind, seed) in Gen.Sample(gen, CasesPerFile, new Rnd(ReplaySeed ^ (ulong)file.Length), 30))
        {
            var damaged = Mutate(valid, kind, new System.Random(seed));
            try
            {
                HoconTestSupport.Load(Decode(damaged));
            }
            catch (HoconException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"kind {kind} seed {seed}: {e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Damaged_file_fails_through_the_configuration_builder_with_the_hocon_error_inside()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("bad.conf", "a { b = [1, 2\n");

        var error = Should.Throw<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        error.InnerException.ShouldBeOfType<HoconException>();
    }

    [Fact]
    public void Invalid_utf8_in_a_file_is_a_hocon_error_not_a_decoder_exception()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "bad.conf");
        File.WriteAllBytes(path, [.. "a = \""u8, 0xED, 0xA0, 0x80, .. "\"\n"u8]);

        var error = Should.Throw<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        error.InnerException.ShouldBeOfType<HoconException>();
    }

    private static byte[] Mutate(byte[] valid, int kind, System.Random random)
    {
        var at = random.Next(valid.Length + 1);
        byte[] Insert(byte[] bytes) => [.. valid[..at], .. bytes, .. valid[at..]];
        switch (kind)
        {
            case 0:
                var flipped = (byte[])valid.Clone();
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 1:
                return valid[..random.Next(valid.Length)];
            case 2:
                return Insert(Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
            case 3:
                return Insert(new[] { new byte[] { 0xFF }, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xEF, 0xBB, 0xBF] }[random.Next(5)]);
            case 4:
                var depth = new[] { 63, 65, 500, 5000 }[random.Next(4)];
                return Insert(Encoding.UTF8.GetBytes("\nz = " + string.Concat(Enumerable.Repeat(random.Next(2) == 0 ? "{ y = " : "[", depth)) + "1" + new string(' ', 1) + "\n"));
            case 5:
                return Insert(Encoding.UTF8.GetBytes($"\nactortrust.node.max-page-size = {new[] { "1e400", "-0", "99999999999999999999", "0x10", "NaN" }[random.Next(5)]}\n"));
            case 6:
                var lines = Encoding.UTF8.GetString(valid).Split('\n');
                var line = random.Next(lines.Length);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(line + 1).Concat(Enumerable.Repeat(lines[line], random.Next(1, 50))).Concat(lines.Skip(line + 1))));
            case 7:
                return Insert(Encoding.UTF8.GetBytes("\nbig = \"" + new string('x', new[] { 1000, 100_000, 3_000_000 }[random.Next(3)]) + "\"\n"));
            case 8:
                return Insert(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\nr = ${r} [1]", random.Next(1, 300)))));
            default:
                return Insert(Encoding.UTF8.GetBytes($"\nx = ${{{string.Join('.', Enumerable.Repeat("a", random.Next(1, 2000)))}}}\n"));
        }
    }

    // The loader reads text; file loading decodes strictly (tested above), so here invalid bytes become U+FFFD.
    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(Path.Combine(parts));
    }
}
