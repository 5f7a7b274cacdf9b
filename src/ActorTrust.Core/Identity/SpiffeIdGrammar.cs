namespace ActorTrust.Core.Identity;

/// <summary>
/// The SPIFFE-ID grammar, strictly: exactly lowercase scheme <c>spiffe://</c>; a non-empty trust domain of
/// <c>[a-z0-9._-]</c>, at most 255 bytes; an optional path of <c>/</c>-separated non-empty segments of
/// <c>[A-Za-z0-9._-]</c>, none of them <c>.</c> or <c>..</c>, with no trailing slash; no percent-encoding,
/// query, fragment, port or user info; ASCII only; at most 2048 bytes in all.
/// </summary>
internal static class SpiffeIdGrammar
{
    /// <summary>Returns null when <paramref name="text"/> is a valid SPIFFE ID, else the rule it breaks.</summary>
    internal static string? Validate(string? text, out int pathStart)
    {
        pathStart = 0;
        if (string.IsNullOrEmpty(text))
        {
            return "SPIFFE ID is empty";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7f)
            {
                return $"SPIFFE ID must be ASCII; found U+{(int)text[i]:X4} at position {i}";
            }
        }

        // ASCII only from here, so characters and bytes count the same.
        if (text.Length > SpiffeId.MaxLength)
        {
            return $"SPIFFE ID is {text.Length} bytes; the limit is {SpiffeId.MaxLength}";
        }

        var schemeError = CheckScheme(text);
        if (schemeError is not null)
        {
            return schemeError;
        }

        var rest = text.AsSpan(SpiffeId.SchemePrefix.Length);
        if (rest.Contains('%'))
        {
            return "percent-encoding is not allowed in a SPIFFE ID";
        }

        if (rest.Contains('?'))
        {
            return "a query is not allowed in a SPIFFE ID";
        }

        if (rest.Contains('#'))
        {
            return "a fragment is not allowed in a SPIFFE ID";
        }

        var slash = rest.IndexOf('/');
        var trustDomain = slash < 0 ? rest : rest[..slash];
        pathStart = SpiffeId.SchemePrefix.Length + trustDomain.Length;
        return CheckTrustDomain(trustDomain) ?? CheckPath(text, pathStart);
    }

    private static string? CheckScheme(string text)
    {
        if (text.StartsWith(SpiffeId.SchemePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "SPIFFE ID must start with 'spiffe://'";
        }

        var scheme = text[..colon];
        if (!string.Equals(scheme, "spiffe", StringComparison.OrdinalIgnoreCase))
        {
            return $"scheme must be 'spiffe', got '{scheme}'";
        }

        return string.Equals(scheme, "spiffe", StringComparison.Ordinal)
            ? "scheme 'spiffe:' must be followed by '//'"
            : $"scheme must be lowercase 'spiffe', got '{scheme}'";
    }

    private static string? CheckTrustDomain(ReadOnlySpan<char> trustDomain)
    {
        if (trustDomain.IsEmpty)
        {
            return "trust domain is empty";
        }

        if (trustDomain.Contains('@'))
        {
            return "user info is not allowed in a SPIFFE ID";
        }

        if (trustDomain.Contains(':'))
        {
            return "a port is not allowed in a SPIFFE ID";
        }

        if (trustDomain.Length > SpiffeId.MaxTrustDomainLength)
        {
            return $"trust domain is {trustDomain.Length} bytes; the limit is {SpiffeId.MaxTrustDomainLength}";
        }

        for (var i = 0; i < trustDomain.Length; i++)
        {
            var c = trustDomain[i];
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-')
            {
                continue;
            }

            var position = SpiffeId.SchemePrefix.Length + i;
            return c is >= 'A' and <= 'Z'
                ? $"trust domain must be lowercase; found '{c}' at position {position}"
                : $"trust domain has invalid character '{c}' at position {position}; allowed are [a-z0-9._-]";
        }

        return null;
    }

    private static string? CheckPath(string text, int pathStart)
    {
        if (pathStart == text.Length)
        {
            return null;
        }

        if (text[^1] == '/')
        {
            return "a trailing slash is not allowed in a SPIFFE ID path";
        }

        // The path starts with '/', so each segment begins one past a slash.
        var segmentStart = pathStart + 1;
        for (var i = segmentStart; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '/')
            {
                continue;
            }

            var error = CheckSegment(text.AsSpan(segmentStart, i - segmentStart), segmentStart);
            if (error is not null)
            {
                return error;
            }

            segmentStart = i + 1;
        }

        return null;
    }

    private static string? CheckSegment(ReadOnlySpan<char> segment, int offset)
    {
        if (segment.IsEmpty)
        {
            return $"path has an empty segment ('//') at position {offset - 1}";
        }

        if (segment is "." or "..")
        {
            return $"path segment '{segment}' is not allowed (no '.' or '..' segments)";
        }

        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return $"path has invalid character '{c}' at position {offset + i}; allowed are [A-Za-z0-9._-]";
            }
        }

        return null;
    }
}
