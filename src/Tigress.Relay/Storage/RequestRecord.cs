using System.Security.Cryptography;

namespace Tigress.Relay.Storage;

/// <summary>
/// The idempotency record of one request: a repeated <c>Mailbox-Request-ID</c> from the same claim is answered
/// with <paramref name="Body"/> instead of being executed again, if it carries the same operation, mailbox and body.
/// </summary>
/// <param name="Claim">Hash of the claim that sent the request.</param>
/// <param name="RequestId">The request's <c>Mailbox-Request-ID</c>.</param>
/// <param name="Operation">What the request did.</param>
/// <param name="Body">The JSON body of the first answer (a few bytes for every operation the relay records).</param>
public sealed record RequestRecord(ClaimHash Claim, Guid RequestId, MailboxOperation Operation, byte[] Body)
{
    /// <summary>The length of a <see cref="Fingerprint"/>.</summary>
    public const int FingerprintLength = 16;

    private static readonly byte[] s_emptyBodyFingerprint = FingerprintOf([]);

    /// <summary>
    /// The first <see cref="FingerprintLength"/> bytes of SHA-256 of the request's body, so that the same id with
    /// another body is told apart from a retry (<see cref="MailboxStatus.RequestIdConflict"/>).
    /// </summary>
    /// <remarks>Default: the fingerprint of an empty body.</remarks>
    public byte[] Fingerprint { get; init; } = s_emptyBodyFingerprint;

    /// <summary>The fingerprint of a request body.</summary>
    public static byte[] FingerprintOf(ReadOnlySpan<byte> requestBody)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(requestBody, hash);
        return hash[..FingerprintLength].ToArray();
    }

    /// <summary>Whether a stored fingerprint is the given one; a record stored before fingerprints existed matches any.</summary>
    internal static bool SameFingerprint(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> given) =>
        stored.IsEmpty || CryptographicOperations.FixedTimeEquals(stored, given);
}
