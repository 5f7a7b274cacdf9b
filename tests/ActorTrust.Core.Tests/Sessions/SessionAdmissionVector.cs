using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;

namespace ActorTrust.Core.Tests.Sessions;

/// <summary>
/// One language-neutral admission vector (tests/vectors/session-admission/*.json): the <c>OpenSession</c> input
/// (snake_case; the two envelopes are embedded as JSON objects when they are JSON objects, else as the raw
/// string presented), the context (session id, time) and the expected verdict, refusal code and claims disposition.
/// </summary>
internal sealed record SessionAdmissionVector(string Id, string Description, JsonObject Input, SessionVectorContext Context, SessionVectorExpectation Expected)
{
    private static readonly string[] EnvelopeMembers = ["claims_envelope", "manifest_envelope"];

    public static SessionAdmissionVector Create(string id, string description, OpenSession input, DateTimeOffset now, SessionVectorExpectation expected)
    {
        var node = JsonSerializer.SerializeToNode(input, ActorTrustJson.Options)!.AsObject();
        foreach (var member in EnvelopeMembers)
        {
            if (node[member] is JsonValue value && value.GetValue<string>() is var text && Parsed(text) is JsonObject envelope)
            {
                node[member] = envelope;
            }
        }

        return new(id, description, node, new SessionVectorContext(SessionFixtures.SessionId, now), expected);
    }

    /// <summary>The command the vector describes, with each embedded envelope object turned back into its JSON text.</summary>
    public OpenSession Command()
    {
        var node = Input.DeepClone().AsObject();
        foreach (var member in EnvelopeMembers)
        {
            if (node[member] is JsonObject envelope)
            {
                node[member] = Encoding.UTF8.GetString(CanonicalJson.Serialize(envelope));
            }
        }

        return node.Deserialize<OpenSession>(ActorTrustJson.Options)!;
    }

    public override string ToString() => $"{Id}: {Description}";

    private static JsonNode? Parsed(string text)
    {
        try
        {
            return CanonicalJson.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (CanonicalJsonException)
        {
            return null;
        }
    }
}

/// <summary>The entity id (the session's SPIFFE ID) and the decision time.</summary>
internal sealed record SessionVectorContext(string SessionId, DateTimeOffset Now);

/// <summary><c>admitted</c> or <c>refused</c>, the recorded claims disposition, and the refusal code when refused.</summary>
internal sealed record SessionVectorExpectation(string Verdict, ClaimsDisposition Disposition, string? Code = null)
{
    public static SessionVectorExpectation Admitted(ClaimsDisposition disposition) => new("admitted", disposition);

    public static SessionVectorExpectation Refused(string code, ClaimsDisposition disposition) => new("refused", disposition, code);
}
