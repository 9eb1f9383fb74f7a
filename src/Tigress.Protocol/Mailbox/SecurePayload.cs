using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// A sealed mailbox payload, <c>{"type", "data"}</c> on the wire (docs/protocol.md section 7), where data is
/// base64(IV || ciphertext || tag) and the additional authenticated data binds the direction and the
/// message's sequence number (docs/protocol.md section 4.1).
/// </summary>
/// <remarks>
/// Layout of <see cref="Data"/>:
/// | Field      | Bytes | Value                                    |
/// |------------|-------|------------------------------------------|
/// | IV         | 12    | fresh from a CSPRNG for every message    |
/// | ciphertext | n     | AES-GCM of the plaintext                 |
/// | tag        | 16    | the GCM authentication tag               |
/// A message opens only with the key, direction and sequence number it was sealed with, so a wrong key, a
/// changed byte, a message reflected to its writer, and a replayed or reordered message all fail to open.
/// </remarks>
[JsonConverter(typeof(SecurePayloadJsonConverter))]
public sealed class SecurePayload
{
    /// <summary>The IV length in bytes.</summary>
    public const int NonceSize = AesGcmCore.NonceSize;

    /// <summary>The authentication tag length in bytes.</summary>
    public const int TagSize = AesGcmCore.TagSize;

    /// <summary>How many bytes sealing adds to a plaintext: the IV and the tag.</summary>
    public const int Overhead = NonceSize + TagSize;

    private readonly byte[] _data;

    private SecurePayload(PayloadAlgorithm algorithm, byte[] data)
    {
        Debug.Assert(data.Length >= Overhead);
        Algorithm = algorithm;
        _data = data;
    }

    /// <summary>The cipher named in the payload's <c>type</c> field.</summary>
    public PayloadAlgorithm Algorithm { get; }

    /// <summary>The wire name of <see cref="Algorithm"/>.</summary>
    public string TypeName => PayloadAlgorithms.GetName(Algorithm);

    /// <summary>IV || ciphertext || tag.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>The length the plaintext will have once opened.</summary>
    public int PlaintextLength => _data.Length - Overhead;

    /// <summary>The length of <see cref="Data"/> for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public static int GetSealedSize(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return checked(plaintextLength + Overhead);
    }

    /// <summary>Seals <paramref name="plaintext"/> under <paramref name="key"/> with a fresh IV, as message
    /// <paramref name="sequence"/> of <paramref name="direction"/>.</summary>
    public static SecurePayload Seal(ShareKey key, PayloadDirection direction, int sequence, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        CheckDirection(direction);

        Span<byte> nonce = stackalloc byte[NonceSize];
        RandomNumberGenerator.Fill(nonce);
        Span<byte> aad = stackalloc byte[PayloadAad.MaxLength];
        var aadLength = PayloadAad.Write(direction, sequence, aad);
        return SealCore(key.Algorithm, key.AsSpan(), nonce, aad[..aadLength], plaintext);
    }

    /// <summary>Wraps data received from a relay; false when <paramref name="type"/> is unknown, the data is
    /// not base64, or it is too short to hold an IV and a tag.</summary>
    public static bool TryParse(string? type, string? data, [NotNullWhen(true)] out SecurePayload? payload)
    {
        payload = null;
        if (!PayloadAlgorithms.TryParse(type, out var algorithm) || data is null)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length < Overhead)
        {
            return false;
        }

        payload = new SecurePayload(algorithm, bytes);
        return true;
    }

    /// <summary>Wraps data received from a relay.</summary>
    /// <exception cref="TigressProtocolException">The type is unknown, or the data is not base64 of at least
    /// <see cref="Overhead"/> bytes.</exception>
    public static SecurePayload Parse(string? type, string? data)
    {
        if (!PayloadAlgorithms.TryParse(type, out _))
        {
            throw Error.UnsupportedAlgorithm();
        }

        if (!TryParse(type, data, out var payload))
        {
            throw Error.MalformedMessage("the data is not base64 of an IV, ciphertext and tag.");
        }

        return payload;
    }

    /// <summary>Wraps IV || ciphertext || tag bytes for <paramref name="algorithm"/>; the bytes are copied.</summary>
    public static SecurePayload Create(PayloadAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        _ = PayloadAlgorithms.GetName(algorithm);
        if (data.Length < Overhead)
        {
            throw new ArgumentException($"The data must hold at least the {Overhead} bytes of IV and tag.", nameof(data));
        }

        return new SecurePayload(algorithm, data.ToArray());
    }

    /// <summary>The payload's data as standard base64 with padding, as the <c>data</c> field carries it.</summary>
    public string ToBase64() => Convert.ToBase64String(_data);

    /// <summary>Opens the payload as message <paramref name="sequence"/> of <paramref name="direction"/>;
    /// false when it does not authenticate under these parameters.</summary>
    public bool TryOpen(ShareKey key, PayloadDirection direction, int sequence, [NotNullWhen(true)] out byte[]? plaintext)
    {
        var buffer = new byte[PlaintextLength];
        if (TryOpen(key, direction, sequence, buffer, out _))
        {
            plaintext = buffer;
            return true;
        }

        plaintext = null;
        return false;
    }

    /// <summary>Opens the payload into <paramref name="plaintext"/>, which must hold <see cref="PlaintextLength"/>
    /// bytes and must not overlap <see cref="Data"/>; false when it does not authenticate.</summary>
    public bool TryOpen(ShareKey key, PayloadDirection direction, int sequence, Span<byte> plaintext, out int bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        CheckDirection(direction);
        if (plaintext.Length < PlaintextLength)
        {
            throw Error.Argument_DestinationTooSmall(nameof(plaintext));
        }

        if (plaintext.Overlaps(_data))
        {
            throw Error.Argument_Overlap(nameof(plaintext));
        }

        bytesWritten = 0;
        if (key.Algorithm != Algorithm)
        {
            // A key of the other size cannot have sealed this payload; a relay that rewrote the type lands here.
            return false;
        }

        Span<byte> aad = stackalloc byte[PayloadAad.MaxLength];
        var aadLength = PayloadAad.Write(direction, sequence, aad);
        if (!OpenCore(key.AsSpan(), aad[..aadLength], plaintext[..PlaintextLength]))
        {
            return false;
        }

        bytesWritten = PlaintextLength;
        return true;
    }

    /// <summary>Opens the payload as message <paramref name="sequence"/> of <paramref name="direction"/>.</summary>
    /// <exception cref="TigressProtocolException">The payload does not authenticate (code
    /// <see cref="ProtocolErrorCodes.DecryptionFailed"/>).</exception>
    public byte[] Open(ShareKey key, PayloadDirection direction, int sequence) =>
        TryOpen(key, direction, sequence, out byte[]? plaintext) ? plaintext : throw Error.DecryptionFailed();

    /// <summary>Names the cipher and size only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"SecurePayload({TypeName}, {_data.Length} bytes)";

    // Seals with caller-chosen IV and AAD; the known-answer tests drive this directly.
    internal static SecurePayload SealCore(
        PayloadAlgorithm algorithm,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext)
    {
        Debug.Assert(nonce.Length == NonceSize);
        var data = new byte[GetSealedSize(plaintext.Length)];
        nonce.CopyTo(data);
        AesGcmCore.Seal(
            key,
            nonce,
            plaintext,
            associatedData,
            data.AsSpan(NonceSize, plaintext.Length),
            data.AsSpan(NonceSize + plaintext.Length, TagSize));
        return new SecurePayload(algorithm, data);
    }

    internal bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var data = _data.AsSpan();
        return AesGcmCore.TryOpen(
            key,
            data[..NonceSize],
            data[NonceSize..^TagSize],
            data[^TagSize..],
            associatedData,
            plaintext);
    }

    private static void CheckDirection(PayloadDirection direction, [CallerArgumentExpression(nameof(direction))] string? paramName = null)
    {
        if (direction is not (PayloadDirection.InitiatorToRecipient or PayloadDirection.RecipientToInitiator))
        {
            throw new ArgumentOutOfRangeException(paramName);
        }
    }
}
