using System.Text;
using System.Text.RegularExpressions;
using ActorTrust.Core.Tests.Fuzz;
using ActorTrust.Node.Hosting;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Node.Tests.Fuzz;

/// <summary>
/// Hostile node configuration: <c>reference.conf</c> given as the operator's file with one setting's value replaced by
/// a wrong type, a huge or negative number, a bad unit or an unresolved substitution, or with the bytes damaged.
/// Loading must succeed or stop with an error a user can act on (<see cref="ArgumentException"/> naming the setting,
/// <see cref="InvalidDataException"/> for HOCON syntax, <see cref="InvalidOperationException"/> from binding a value of
/// the wrong type) — never a crash such as a null reference or an overflow.
/// </summary>
public sealed partial class SettingsFuzzTests
{
    private const int Cases = 300;

    private static readonly string[] HostileValues =
    [
        "-1", "0", "1e400", "99999999999999999999", "\"\"", "[]", "{}", "null", "true", "0s", "-5m", "1 XiB", "${?NOPE}",
        "9223372036854775807 d", "\"http://[::1\"", "\"ftp://x\"", "2147483648", "-2147483649", "1.5", "\"\\u0000\"", "[1, [2, [3]]]",
    ];

    [Fact]
    public void Damaged_configuration_loads_or_stops_with_an_actionable_error()
    {
        var reference = ReferenceConf.Text;
        var settings = SettingLine().Matches(reference).ToList();
        var gen = Gen.Zip(Gen.Choose(0, 3), Gen.Zip(Gen.Choose(0, settings.Count - 1), Gen.Zip(Gen.Choose(0, HostileValues.Length - 1), Gen.Choose(0, int.MaxValue))));
        var path = Path.GetTempFileName();
        var failures = new List<string>();
        try
        {
            foreach (var (kind, (line, (value, seed))) in Gen.Sample(gen, Cases, new Rnd(Mutator.ReplaySeed ^ 11), 30))
            {
                byte[] damaged;
                string description;
                if (kind == 0)
                {
                    var mutation = Mutator.Apply(Encoding.UTF8.GetBytes(reference), (MutationKind)(seed % 3), seed);
                    (damaged, description) = (mutation.Bytes, mutation.ToString());
                }
                else
                {
                    var match = settings[line];
                    var text = string.Concat(reference.AsSpan(0, match.Groups["value"].Index), HostileValues[value], reference.AsSpan(match.Groups["value"].Index + match.Groups["value"].Length));
                    (damaged, description) = (Encoding.UTF8.GetBytes(text), $"{match.Groups["key"].Value} = {HostileValues[value]}");
                }

                File.WriteAllBytes(path, damaged);
                try
                {
                    NodeSettings.Load(path);
                }
                catch (Exception e) when (e is ArgumentException or InvalidDataException or InvalidOperationException)
                {
                }
                catch (Exception e)
                {
                    failures.Add($"{description}: {e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }

        failures.ShouldBeEmpty();
    }

    [GeneratedRegex(@"^\s*(?<key>[a-z][a-z0-9-]*)\s*=\s*(?<value>[^\n{]+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex SettingLine();
}
