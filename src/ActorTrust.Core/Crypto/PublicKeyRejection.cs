namespace ActorTrust.Core.Crypto;

/// <summary>Why a public key was refused at registration.</summary>
public enum PublicKeyRejectionCode
{
    /// <summary>The encoded y coordinate is not reduced modulo p (y ≥ 2^255 − 19).</summary>
    NonCanonicalEncoding = 1,

    /// <summary>The point has order 1, 2, 4 or 8; anyone can forge signatures that verify under it.</summary>
    SmallOrder = 2,

    /// <summary>The bytes do not decode to a point of the prime-order subgroup (off the curve, or with a torsion component).</summary>
    NotInPrimeOrderSubgroup = 3,
}

/// <summary>A public key refused at registration: a reason code and a sentence for humans.</summary>
/// <param name="Code">The machine-readable reason.</param>
/// <param name="Message">A human-readable explanation, safe to log (a public key is not secret).</param>
public sealed record PublicKeyRejection(PublicKeyRejectionCode Code, string Message);
