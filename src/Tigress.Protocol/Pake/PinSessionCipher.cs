using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Pake;

//
//  The PIN session layer (docs/protocol.md section 12: "every later message is sealed under a key derived from both the
//  invitation secret and the SPAKE2 key")
//
//      K     = PinSessionKey(secret, Ke, 32)
//      AAD   = UTF-8 "tigress-pin/1 " || dir || " " || n
//      inner = nonce || AES-256-GCM(K, nonce, AAD, plaintext) || tag
//
//      | Field | Bytes | Value                                                                                 |
//      | ----- | ----- | ------------------------------------------------------------------------------------- |
//      | dir   | 3     | i2r or r2i: who wrote the message                                                     |
//      | n     | 1..10 | that direction's message count from 0, in decimal, as the binding numbers its messages |
//      | nonce | 12    | fresh from a CSPRNG for every message                                                 |
//      | tag   | 16    | the GCM tag                                                                           |
//
//  After the PIN exchange, every message of a PIN share is sealed twice: first under K with this layer, then the
//  result is handed to the binding as the message's plaintext, which the binding seals under the invitation secret as
//  it seals any message (a mailbox payload, a dropbox message). The binding needs no change and keeps its own
//  protections (P8, the dropbox transcript); the layer adds what the link alone cannot give: only the two devices that
//  ran the exchange with the same PIN hold K. The associated data follows the same rule as the mailbox's P8 (direction
//  and per-direction number) under its own label, so a message replayed, reordered or reflected inside the layer fails
//  to open too, whatever the binding.
//

/// <summary>
/// Seals and opens the messages of a PIN share after the PIN exchange, under the PIN session key. It owns a copy of the
/// key and clears it on <see cref="Dispose"/>; a failed open returns false.
/// </summary>
public sealed class PinSessionCipher : IDisposable
{
    /// <summary>The key length: AES-256-GCM on every binding.</summary>
    public const int KeyLength = 32;

    /// <summary>How many bytes sealing adds: the nonce and the tag.</summary>
    public const int Overhead = NonceSize + TagSize;

    private const int NonceSize = AesGcmCore.NonceSize;
    private const int TagSize = AesGcmCore.TagSize;

    // "tigress-pin/1 " (14) + "i2r" (3) + " " (1) + int.MaxValue in decimal (10).
    private const int MaxAadLength = 14 + 3 + 1 + 10;

    private readonly byte[] _key = GC.AllocateArray<byte>(KeyLength, pinned: true);
    private bool _disposed;

    private PinSessionCipher(ReadOnlySpan<byte> key) => key.CopyTo(_key);

    /// <summary>Wraps a stored session key (from <see cref="ExportKey"/>); the bytes are copied.</summary>
    /// <exception cref="ArgumentException">The key is not <see cref="KeyLength"/> bytes.</exception>
    public static PinSessionCipher Import(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw Error.Argument_Length(nameof(key), KeyLength);
        }

        return new PinSessionCipher(key);
    }

    /// <summary>The key, to store with the rest of a transfer's state; the caller should clear it when done.</summary>
    public byte[] ExportKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] key = GC.AllocateArray<byte>(KeyLength, pinned: true);
        _key.CopyTo(key);
        return key;
    }

    /// <summary>Seals <paramref name="plaintext"/> as message <paramref name="sequence"/> of <paramref name="direction"/>,
    /// with a fresh nonce; the result is the plaintext to hand to the binding.</summary>
    public byte[] Seal(PayloadDirection direction, int sequence, ReadOnlySpan<byte> plaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        CheckDirection(direction);

        byte[] sealedMessage = new byte[checked(plaintext.Length + Overhead)];
        Span<byte> nonce = sealedMessage.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> aad = stackalloc byte[MaxAadLength];
        int aadLength = WriteAad(direction, sequence, aad);
        AesGcmCore.Seal(
            _key,
            nonce,
            plaintext,
            aad[..aadLength],
            sealedMessage.AsSpan(NonceSize, plaintext.Length),
            sealedMessage.AsSpan(NonceSize + plaintext.Length, TagSize));
        return sealedMessage;
    }

    /// <summary>Opens message <paramref name="sequence"/> of <paramref name="direction"/>; false when it is too short or
    /// does not authenticate under this key, direction and number.</summary>
    public bool TryOpen(PayloadDirection direction, int sequence, ReadOnlySpan<byte> sealedMessage, [NotNullWhen(true)] out byte[]? plaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        CheckDirection(direction);
        plaintext = null;
        if (sealedMessage.Length < Overhead)
        {
            return false;
        }

        Span<byte> aad = stackalloc byte[MaxAadLength];
        int aadLength = WriteAad(direction, sequence, aad);
        byte[] buffer = new byte[sealedMessage.Length - Overhead];
        if (!AesGcmCore.TryOpen(
            _key,
            sealedMessage[..NonceSize],
            sealedMessage[NonceSize..^TagSize],
            sealedMessage[^TagSize..],
            aad[..aadLength],
            buffer))
        {
            return false;
        }

        plaintext = buffer;
        return true;
    }

    /// <summary>Clears the key; the cipher cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_key);
            _disposed = true;
        }
    }

    /// <summary>Names the layer only; the key is never printed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "PinSessionCipher(AES-256-GCM)";

    internal static int WriteAad(PayloadDirection direction, int sequence, Span<byte> destination)
    {
        Debug.Assert(destination.Length >= MaxAadLength);
        "tigress-pin/1 "u8.CopyTo(destination);
        int written = 14;
        ReadOnlySpan<byte> dir = direction == PayloadDirection.InitiatorToRecipient ? "i2r"u8 : "r2i"u8;
        dir.CopyTo(destination[written..]);
        written += dir.Length;
        destination[written++] = (byte)' ';
        bool formatted = Utf8Formatter.TryFormat(sequence, destination[written..], out int digits);
        Debug.Assert(formatted);
        return written + digits;
    }

    private static void CheckDirection(PayloadDirection direction)
    {
        if (direction is not (PayloadDirection.InitiatorToRecipient or PayloadDirection.RecipientToInitiator))
        {
            throw new ArgumentOutOfRangeException(nameof(direction));
        }
    }
}
