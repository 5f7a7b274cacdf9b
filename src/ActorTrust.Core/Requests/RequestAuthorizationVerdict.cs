using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Requests;

/// <summary>Why a request authorization was refused; each is answered as a 401 with the code's name.</summary>
public enum RequestAuthorizationRejection
{
    /// <summary>The body carries no <c>authorization</c> member.</summary>
    Missing = 1,

    /// <summary>The member is not a well-formed DSSE envelope holding a well-formed statement of the right payload type.</summary>
    Malformed,

    /// <summary>The statement is signed by (or names) another key than the one the request names.</summary>
    KeyMismatch,

    /// <summary>The named key is not known where the node looked for it (not a principal of the domain, not the peer's key).</summary>
    KeyUnknown,

    /// <summary>The named key does not hold the role the command requires.</summary>
    RoleMissing,

    /// <summary>The envelope's signature does not verify under the named key.</summary>
    SignatureInvalid,

    /// <summary>The statement is for another entity or action.</summary>
    TargetMismatch,

    /// <summary>The statement names another command id than the body's <c>command_id</c> (or the body has none).</summary>
    CommandIdMismatch,

    /// <summary>The body differs from the one that was signed.</summary>
    BodyMismatch,

    /// <summary>The statement was issued further in the future than the allowed clock skew.</summary>
    FromFuture,

    /// <summary>The statement is older than the freshness window.</summary>
    Expired,
}

/// <summary>The outcome of checking a request authorization.</summary>
public sealed record RequestAuthorizationVerdict
{
    private RequestAuthorizationVerdict(RequestAuthorization? statement, RequestAuthorizationRejection? rejection, string? reason)
    {
        Statement = statement;
        Rejection = rejection;
        Reason = reason;
    }

    /// <summary>True when the request is proven to come from the named key.</summary>
    public bool IsVerified => Rejection is null;

    /// <summary>The verified statement (null when refused).</summary>
    public RequestAuthorization? Statement { get; }

    /// <summary>The key proven to have signed the request (null when refused).</summary>
    public Digest? KeyId => Statement?.KeyId;

    /// <summary>Why it was refused, or null.</summary>
    public RequestAuthorizationRejection? Rejection { get; }

    /// <summary>A sentence saying why it was refused, or null.</summary>
    public string? Reason { get; }

    internal static RequestAuthorizationVerdict Verified(RequestAuthorization statement) => new(statement, null, null);

    /// <summary>A refusal with its reason (also used by callers that look the key up and find no such key or role).</summary>
    public static RequestAuthorizationVerdict Refused(RequestAuthorizationRejection rejection, string reason) => new(null, rejection, reason);
}
