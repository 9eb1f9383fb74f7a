using System.Security.Cryptography;
using System.Text;

namespace Tigress.Relay.Storage;

/// <summary>
/// SHA-256 of a <c>Mailbox-Device-Claim</c> (docs/protocol.md section 7.2): the relay keeps only this, so a copy of its
/// database does not let anyone act as a device. Compared in constant time.
/// </summary>
public readonly struct ClaimHash : IEquatable<ClaimHash>
{
    /// <summary>Length of the hash in bytes.</summary>
    public const int Length = 32;

    private readonly byte[]? _bytes;

    private ClaimHash(byte[] bytes) => _bytes = bytes;

    /// <summary>The 32 hash bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Hashes a claim. The claim is canonicalised first, so letter case and braces do not matter.</summary>
    public static ClaimHash Of(Guid claim)
    {
        Span<byte> text = stackalloc byte[36];
        var ok = Encoding.ASCII.TryGetBytes(claim.ToString("D"), text, out var written);
        System.Diagnostics.Debug.Assert(ok && written == 36);
        var hash = SHA256.HashData(text);
        CryptographicOperations.ZeroMemory(text);
        return new ClaimHash(hash);
    }

    /// <summary>Rebuilds a hash read back from a store.</summary>
    public static ClaimHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A claim hash is {Length} bytes.", nameof(bytes));
        }

        return new ClaimHash(bytes.ToArray());
    }

    /// <summary>Constant-time comparison with the hash bytes kept by a store.</summary>
    public bool Matches(ReadOnlySpan<byte> stored) =>
        stored.Length == Length && CryptographicOperations.FixedTimeEquals(Bytes, stored);

    /// <inheritdoc />
    public bool Equals(ClaimHash other) => Matches(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClaimHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    /// <summary>Never prints the hash: it identifies a device.</summary>
    public override string ToString() => "ClaimHash(redacted)";

    /// <summary>Equality in constant time.</summary>
    public static bool operator ==(ClaimHash left, ClaimHash right) => left.Equals(right);

    /// <summary>Inequality in constant time.</summary>
    public static bool operator !=(ClaimHash left, ClaimHash right) => !left.Equals(right);
}
