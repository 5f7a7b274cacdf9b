using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;

namespace ActorTrust.Core.Receipts;

/// <summary>
/// Execution Receipt v1 (source 003's PER, with a concrete encoding): a deterministic statement that a program
/// turned these inputs into this output, pinned to a position of the domain's journal (whose authority manifest
/// decides who may vouch for it) and to the lineage epoch it ran under. No timestamps and no machine data: the same
/// execution at the same position always gives the same bytes. Signed by an executor's key as a DSSE envelope of
/// type <see cref="Envelopes.PayloadTypes.ExecutionReceipt"/> over its canonical (RFC 8785) bytes; unsigned, it is
/// informational only. Its digest (content address) is <c>sha256:</c> of those bytes.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="DomainId">The trust domain the receipt is certified in.</param>
/// <param name="JournalPosition">The domain journal position (sequence number, from 1) it is pinned to.</param>
/// <param name="OutputDigest">The output artifact's digest.</param>
/// <param name="InputDigests">The input artifacts' digests, sorted (ordinally) and unique; possibly empty.</param>
/// <param name="ProgramId">The program that ran (e.g. its digest or registry id), 1 to <see cref="MaxProgramIdLength"/> characters.</param>
/// <param name="Lineage">The agent lineage and epoch it ran under.</param>
public sealed record ExecutionReceipt(
    string Schema,
    string DomainId,
    long JournalPosition,
    Digest OutputDigest,
    IReadOnlyList<Digest> InputDigests,
    string ProgramId,
    ReceiptLineage Lineage)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.execution-receipt/v1";

    /// <summary>The longest program id accepted.</summary>
    public const int MaxProgramIdLength = 256;

    /// <summary>The most inputs a receipt may list.</summary>
    public const int MaxInputs = 4096;

    /// <summary>Builds a receipt with <paramref name="inputs"/> sorted and de-duplicated, as the format requires.</summary>
    public static ExecutionReceipt Create(string domainId, long journalPosition, Digest output, IEnumerable<Digest> inputs, string programId, ReceiptLineage lineage)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new(SchemaV1, domainId, journalPosition, output, [.. inputs.Distinct().Order()], programId, lineage);
    }

    /// <summary>A receipt's digest: <c>sha256:</c> of its exact payload bytes.</summary>
    public static Digest DigestOf(ReadOnlySpan<byte> payload) => Digest.Sha256(payload);

    /// <summary>Returns null when the receipt is well-formed, else the rule it breaks.</summary>
    public string? Validate()
    {
        if (TrustDomainName.Validate(DomainId) is { } domain)
        {
            return $"domain_id: {domain}";
        }

        if (JournalPosition < 1)
        {
            return $"journal_position must be at least 1, got {JournalPosition}";
        }

        if (InputDigests is null || InputDigests.Count > MaxInputs)
        {
            return $"input_digests must be a list of at most {MaxInputs} digests";
        }

        for (var i = 1; i < InputDigests.Count; i++)
        {
            if (InputDigests[i - 1].CompareTo(InputDigests[i]) >= 0)
            {
                return $"input_digests must be sorted and unique; entry {i} ({InputDigests[i]}) is out of order or repeated";
            }
        }

        if (string.IsNullOrEmpty(ProgramId) || ProgramId.Length > MaxProgramIdLength || ProgramId.Any(char.IsControl))
        {
            return $"program_id must be 1 to {MaxProgramIdLength} characters without control characters";
        }

        return Lineage?.AgentId is null || Lineage.Epoch is null ? "lineage must name an agent and an epoch" : Lineage.Epoch.Validate();
    }
}

/// <summary>The agent lineage an execution ran under: the agent and the epoch its executor held.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Epoch">The lineage epoch.</param>
public sealed record ReceiptLineage(SpiffeId AgentId, Epoch Epoch);
