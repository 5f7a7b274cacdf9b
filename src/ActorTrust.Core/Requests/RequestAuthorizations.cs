using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Requests;

/// <summary>How fresh a request authorization must be, on the verifier's clock.</summary>
/// <param name="MaxAge">How long after <see cref="RequestAuthorization.IssuedAt"/> the request is still accepted.</param>
/// <param name="AllowedClockSkew">How far in the future <see cref="RequestAuthorization.IssuedAt"/> may lie.</param>
public sealed record RequestFreshness(TimeSpan MaxAge, TimeSpan AllowedClockSkew)
{
    /// <summary>Five minutes old at most, one minute ahead at most.</summary>
    public static RequestFreshness Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

    /// <summary>Returns null when both bounds are usable, else why not.</summary>
    public string? Validate() =>
        MaxAge <= TimeSpan.Zero || MaxAge > TimeSpan.FromDays(1) ? "max-age must be more than zero and at most one day"
        : AllowedClockSkew < TimeSpan.Zero || AllowedClockSkew > TimeSpan.FromHours(1) ? "clock skew must be between zero and one hour"
        : null;
}

/// <summary>
/// Signs and verifies <see cref="RequestAuthorization"/>s carried in a request body's <c>authorization</c> member.
/// The signer and the verifier compute the same body digest: the body object without <c>authorization</c>, written in
/// canonical form (RFC 8785) and hashed with SHA-256, so member order and number spelling do not matter but every
/// value does.
/// </summary>
public static class RequestAuthorizations
{
    /// <summary>The body member that carries the envelope.</summary>
    public const string Member = "authorization";

    private const string CommandIdMember = "command_id";

    /// <summary>The digest a request authorization binds: the canonical body without its <c>authorization</c> member.</summary>
    public static Digest BodyDigest(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var copy = new JsonObject();
        foreach (var (name, value) in body)
        {
            if (!string.Equals(name, Member, StringComparison.Ordinal))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return Digest.Sha256(CanonicalJson.Serialize(copy));
    }

    /// <summary>
    /// Signs <paramref name="body"/> for <paramref name="target"/> with <paramref name="signer"/> at <paramref name="now"/>:
    /// gives it a <c>command_id</c> when it has none and sets its <c>authorization</c> member. Returns the same object.
    /// </summary>
    public static JsonObject Sign(JsonObject body, RequestTarget target, IEnvelopeSigner signer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(signer);
        body.Remove(Member);
        if (body[CommandIdMember] is not JsonValue id || !id.TryGetValue<string>(out var commandId))
        {
            commandId = Guid.NewGuid().ToString("N");
            body[CommandIdMember] = commandId;
        }

        var statement = new RequestAuthorization(RequestAuthorization.SchemaV1, target.EntityKind, target.EntityId, target.Action, commandId,
            BodyDigest(body), Digest.Parse(signer.KeyId), UtcMillisecondsJsonConverter.Truncate(now));
        var envelope = Envelope.Sign(PayloadTypes.RequestAuthorization, ActorTrustJson.ToCanonicalBytes(statement), signer);
        body[Member] = JsonNode.Parse(EnvelopeJson.Serialize(envelope));
        return body;
    }

    /// <summary>
    /// Reads the statement of <paramref name="body"/>'s authorization without checking its signature, so the caller can
    /// look up the key it names. Null (with the refusal) when the member is missing or malformed.
    /// </summary>
    public static RequestAuthorization? Peek(JsonObject body, out RequestAuthorizationVerdict? refusal)
    {
        ArgumentNullException.ThrowIfNull(body);
        refusal = null;
        if (!body.TryGetPropertyValue(Member, out var member) || member is null)
        {
            refusal = RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.Missing,
                "the request must carry an 'authorization' member: a request authorization signed by the key it names");
            return null;
        }

        if (member is not JsonObject)
        {
            refusal = Malformed("'authorization' must be a DSSE envelope object");
            return null;
        }

        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(CanonicalJson.Serialize(member));
        }
        catch (FormatException ex)
        {
            refusal = Malformed($"'authorization' is not a DSSE envelope: {ex.Message}");
            return null;
        }

        return Statement(envelope, out refusal);
    }

    /// <summary>
    /// Verifies that <paramref name="body"/> was signed for <paramref name="target"/> by <paramref name="key"/>, the key the
    /// request names as <paramref name="namedKeyId"/>, within <paramref name="freshness"/> of <paramref name="now"/>.
    /// <paramref name="key"/> is null when the caller found no such key (refused as <see cref="RequestAuthorizationRejection.KeyUnknown"/>).
    /// </summary>
    public static RequestAuthorizationVerdict Verify(JsonObject body, RequestTarget target, Digest namedKeyId, Ed25519PublicKey? key,
        DateTimeOffset now, RequestFreshness? freshness = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(target);
        freshness ??= RequestFreshness.Default;
        if (Peek(body, out var refusal) is not { } statement)
        {
            return refusal!;
        }

        if (statement.KeyId != namedKeyId)
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.KeyMismatch,
                $"the authorization is made by key {statement.KeyId}, but the request names {namedKeyId}");
        }

        if (key is null || key.KeyId != namedKeyId)
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.KeyUnknown, $"key {namedKeyId} is not known here");
        }

        var envelope = EnvelopeJson.Parse(CanonicalJson.Serialize(body[Member]));
        var verdict = EnvelopeVerifier.Verify(envelope, TrustPolicy.Single(key, PayloadTypes.RequestAuthorization));
        if (!verdict.IsVerified)
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.SignatureInvalid,
                $"the authorization's signature does not verify under key {namedKeyId}: {verdict.Reason}");
        }

        return Check(statement, body, target, now, freshness);
    }

    private static RequestAuthorizationVerdict Check(RequestAuthorization statement, JsonObject body, RequestTarget target, DateTimeOffset now, RequestFreshness freshness)
    {
        if (!string.Equals(statement.EntityKind, target.EntityKind, StringComparison.Ordinal)
            || !string.Equals(statement.EntityId, target.EntityId, StringComparison.Ordinal)
            || !string.Equals(statement.Action, target.Action, StringComparison.Ordinal))
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.TargetMismatch,
                $"the authorization is for '{statement.EntityKind} {statement.EntityId} {statement.Action}', not '{target}'");
        }

        var commandId = body[CommandIdMember] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        if (!string.Equals(commandId, statement.CommandId, StringComparison.Ordinal))
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.CommandIdMismatch,
                commandId is null ? "a signed request must carry the command_id it was signed with" : "the authorization names another command_id");
        }

        if (BodyDigest(body) != statement.BodyDigest)
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.BodyMismatch, "the request body is not the one that was signed");
        }

        if (statement.IssuedAt > now + freshness.AllowedClockSkew)
        {
            return RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.FromFuture,
                $"the authorization was issued at {UtcMillisecondsJsonConverter.ToText(statement.IssuedAt)}, later than this node's clock allows");
        }

        return now - statement.IssuedAt > freshness.MaxAge
            ? RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.Expired,
                $"the authorization was issued at {UtcMillisecondsJsonConverter.ToText(statement.IssuedAt)}, more than {freshness.MaxAge} ago")
            : RequestAuthorizationVerdict.Verified(statement);
    }

    private static RequestAuthorization? Statement(Envelope envelope, out RequestAuthorizationVerdict? refusal)
    {
        refusal = null;
        if (!string.Equals(envelope.PayloadType, PayloadTypes.RequestAuthorization, StringComparison.Ordinal))
        {
            refusal = Malformed($"'authorization' has payload type '{envelope.PayloadType}', not {PayloadTypes.RequestAuthorization}");
            return null;
        }

        if (!CanonicalJson.IsCanonical(envelope.Payload))
        {
            refusal = Malformed("the authorization statement is not canonical JSON (RFC 8785)");
            return null;
        }

        try
        {
            var statement = ActorTrustJson.Read<RequestAuthorization>(envelope.Payload);
            if (statement.Validate() is { } rule)
            {
                refusal = Malformed($"the authorization statement is invalid: {rule}");
                return null;
            }

            return statement;
        }
        catch (FormatException ex)
        {
            refusal = Malformed($"the authorization statement is invalid: {ex.Message}");
            return null;
        }
    }

    private static RequestAuthorizationVerdict Malformed(string reason) =>
        RequestAuthorizationVerdict.Refused(RequestAuthorizationRejection.Malformed, reason);
}
