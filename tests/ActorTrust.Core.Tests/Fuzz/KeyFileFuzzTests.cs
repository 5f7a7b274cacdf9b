using ActorTrust.Core.Keys;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Fuzz;

/// <summary>
/// Damaged key files: every case is read or refused with a <see cref="FormatException"/>, and no refusal message
/// quotes the seed (a damaged key file is still mostly the secret).
/// </summary>
public sealed class KeyFileFuzzTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Damaged_key_file_is_refused_with_a_format_error_that_never_quotes_the_seed()
    {
        using var keyFile = KeyFile.Create(TestKeys.Key(7), CreatedAt, "fuzz");
        var valid = keyFile.ToUtf8Json();
        var seed = System.Text.Json.Nodes.JsonNode.Parse(valid)!["seed"]!.GetValue<string>();
        var failures = new List<string>();

        foreach (var mutation in Mutator.Cases(valid, FuzzBudget.CasesPerTarget, salt: 0x6B6579))
        {
            try
            {
                KeyFile.Parse(mutation.Bytes).Dispose();
            }
            catch (FormatException e) when (!Leaks(e.Message, seed))
            {
            }
            catch (Exception e)
            {
                failures.Add($"{mutation}: {e.GetType().Name}: {(Leaks(e.Message, seed) ? "message quotes the seed" : e.Message)}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Damaged_public_key_file_is_read_or_refused_with_a_format_error()
    {
        var valid = new PublicKeyFile(TestKeys.Key(7).PublicKey, "fuzz").ToUtf8Json();
        var failures = new List<string>();

        foreach (var mutation in Mutator.Cases(valid, FuzzBudget.CasesPerTarget, salt: 0x707562))
        {
            try
            {
                PublicKeyFile.Parse(mutation.Bytes);
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"{mutation}: {e.GetType().Name}: {e.Message}");
            }
        }

        failures.ShouldBeEmpty();
    }

    // Any 16 hex digits of the seed in a row count as quoting it (a bit flip changes at most one of them).
    private static bool Leaks(string message, string seed) =>
        Enumerable.Range(0, seed.Length - 15).Any(i => message.Contains(seed.Substring(i, 16), StringComparison.OrdinalIgnoreCase));
}
