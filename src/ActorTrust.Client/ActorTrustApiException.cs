namespace ActorTrust.Client;

/// <summary>The node answered with an error that is not a command refusal (bad request, unavailable, internal error).</summary>
public sealed class ActorTrustApiException : Exception
{
    /// <summary>Creates the exception from a problem answer.</summary>
    public ActorTrustApiException(int status, string code, string detail)
        : base($"{status} {code}: {detail}")
    {
        Status = status;
        Code = code;
        Detail = detail;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The problem's stable code (e.g. <c>MalformedRequest</c>, <c>PayloadTooLarge</c>).</summary>
    public string Code { get; }

    /// <summary>The problem's explanation.</summary>
    public string Detail { get; }
}
