using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

//
//  The dropbox key schedule (draft-rescorla-tigress-http; docs/protocol.md section 11)
//
//      T_0   = ""                                     (empty transcript)
//      T_i+1 = T_i || encoded TigressPlaintext of message i
//      U_i   = base64url-nopad(HKDF-Expand-Label(R, "Location", Hash(T_i), 32))
//      K_i   = HKDF-Expand-Label(R, "Key", Hash(T_i), Nh)
//
//      | Value | Length            | Role                                                                  |
//      | ----- | ----------------- | --------------------------------------------------------------------- |
//      | R     | 32 bytes          | the invitation's secret, used directly as the HKDF PRK                |
//      | T_i   | any               | every plaintext exchanged before message i, in order, both directions |
//      | U_i   | 32 bytes, 43 chars| where message i is PUT and fetched: {base}{U_i}                       |
//      | K_i   | Nh bytes          | the secret message i is encapsulated under (see EncapsulatedMessage)  |
//
//  Hash(T_i) rather than T_i is the context because an HkdfLabel context holds at most 255 bytes. The hash is
//  kept running (one IncrementalHash), so each message is hashed once however long the exchange grows.
//
//  With strict ping-pong a message's id equals its index i, so OpenNext rejects any other id, and ids 0 and 1 (the
//  first message of each direction) must carry at least 16 random bytes. A relay that replays, reorders or reflects
//  a body gains nothing: every index has its own location and key, so the body simply fails to open.
//

/// <summary>
/// Derives, for each message of an HTTP dropbox exchange, where it is stored and the key it is sealed under, from the
/// invitation's secret R and the transcript of the messages before it; <see cref="SealNext"/> and
/// <see cref="OpenNext"/> keep the transcript in step. Not thread-safe.
/// </summary>
public sealed class KeySchedule : IDisposable
{
    /// <summary>The length in characters of a location, 32 bytes in base64url without padding.</summary>
    public const int LocationLength = Wire.DropboxLocation.Length;

    private const int LocationBytes = 32;
    private const int MaxHashLength = 48;

    private readonly byte[] _secret;
    private readonly IncrementalHash _transcript;
    private bool _disposed;

    /// <summary>Starts the schedule of an exchange at message 0, with the invitation's R and suite.</summary>
    /// <remarks>The schedule keeps its own copy of R, so the invitation may be disposed afterwards.</remarks>
    public KeySchedule(DropboxInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        Suite = invitation.Suite;
        _secret = invitation.Secret.ToArray();
        _transcript = IncrementalHash.CreateHash(Suite.HashAlgorithm);
    }

    /// <summary>Starts a schedule from a raw secret; for known-answer tests only.</summary>
    internal KeySchedule(TigressSuite suite, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (secret.Length != DropboxInvitation.SecretLength)
        {
            throw Error.Argument_Length(nameof(secret), DropboxInvitation.SecretLength);
        }

        Suite = suite;
        _secret = secret.ToArray();
        _transcript = IncrementalHash.CreateHash(Suite.HashAlgorithm);
    }

    /// <summary>The cipher suite whose hash drives the schedule.</summary>
    public TigressSuite Suite { get; }

    /// <summary>The index i of the next message: how many plaintexts the transcript holds.</summary>
    public int MessageIndex { get; private set; }

    /// <summary>U_i, the location of message <see cref="MessageIndex"/>: 43 base64url characters to append to the invitation's base URL.</summary>
    public string GetLocation()
    {
        Span<byte> location = stackalloc byte[LocationBytes];
        DeriveLocation(location);
        return Base64Url.EncodeToString(location);
    }

    /// <summary>Writes K_i, the key of message <see cref="MessageIndex"/>; <paramref name="key"/> must be <see cref="TigressSuite.HashLength"/> bytes.</summary>
    public void DeriveKey(Span<byte> key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (key.Length != Suite.HashLength)
        {
            throw Error.Argument_Length(nameof(key), Suite.HashLength);
        }

        Derive("Key"u8, key);
    }

    /// <summary>
    /// Adds the encoded plaintext of message <see cref="MessageIndex"/> to the transcript and moves to the next message.
    /// Call it once per message, sent or received, in order.
    /// </summary>
    public void AppendToTranscript(ReadOnlySpan<byte> encodedPlaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _transcript.AppendData(encodedPlaintext);
        MessageIndex = checked(MessageIndex + 1);
    }

    /// <summary>
    /// Seals message <see cref="MessageIndex"/> under K_i and adds it to the transcript. Take the location from
    /// <see cref="GetLocation"/> before calling this; the result is the body to PUT there.
    /// </summary>
    /// <param name="plaintext">The message; its id must equal <see cref="MessageIndex"/>.</param>
    public byte[] SealNext(TigressPlaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (plaintext.MessageId != MessageIndex)
        {
            throw Error.Argument_Invalid(nameof(plaintext), $"The plaintext's message id must be the schedule's message index, {MessageIndex}.");
        }

        if (plaintext.IsFirstInDirection && plaintext.Random.Length < TigressPlaintext.MinimumFirstRandomLength)
        {
            throw Error.Argument_Invalid(nameof(plaintext), $"The first message of each direction needs at least {TigressPlaintext.MinimumFirstRandomLength} random bytes.");
        }

        Span<byte> key = stackalloc byte[MaxHashLength];
        key = key[..Suite.HashLength];
        try
        {
            Derive("Key"u8, key);
            byte[] sealedMessage = EncapsulatedMessage.Seal(Suite, key, plaintext.Encoded);
            AppendToTranscript(plaintext.Encoded);
            return sealedMessage;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Opens the body fetched from <see cref="GetLocation"/> as message <see cref="MessageIndex"/> and, on success,
    /// adds it to the transcript. Returns <see langword="null"/>, and stays at the same message, if it fails authentication.
    /// </summary>
    /// <exception cref="TigressProtocolException">
    /// The message is authentic but breaks the protocol: not a well-formed plaintext, or too little randomness in a
    /// first message (<see cref="ProtocolErrorCodes.MalformedMessage"/>), or an id other than <see cref="MessageIndex"/>
    /// (<see cref="ProtocolErrorCodes.DecryptionFailed"/>). The exchange must be abandoned.
    /// </exception>
    public TigressPlaintext? OpenNext(ReadOnlySpan<byte> sealedMessage)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[]? encoded;
        Span<byte> key = stackalloc byte[MaxHashLength];
        key = key[..Suite.HashLength];
        try
        {
            Derive("Key"u8, key);
            encoded = EncapsulatedMessage.Open(Suite, key, sealedMessage);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        if (encoded is null)
        {
            return null;
        }

        // A message that opens but breaks the rules ends the exchange; its content is wiped rather than left to the GC.
        if (!TigressPlaintext.TryParseOwned(encoded, out TigressPlaintext? plaintext))
        {
            CryptographicOperations.ZeroMemory(encoded);
            throw Error.Protocol(ProtocolErrorCodes.MalformedMessage, "The dropbox message decrypted, but is not one well-formed TigressPlaintext.");
        }

        if (plaintext.MessageId != MessageIndex)
        {
            CryptographicOperations.ZeroMemory(encoded);
            throw Error.Protocol(ProtocolErrorCodes.DecryptionFailed, "The dropbox message carries another message id than the one expected next.");
        }

        if (plaintext.IsFirstInDirection && plaintext.Random.Length < TigressPlaintext.MinimumFirstRandomLength)
        {
            CryptographicOperations.ZeroMemory(encoded);
            throw Error.Protocol(ProtocolErrorCodes.MalformedMessage, "The first dropbox message of a direction carries too few random bytes.");
        }

        AppendToTranscript(plaintext.Encoded);
        return plaintext;
    }

    /// <summary>Overwrites the schedule's copy of R and releases the transcript hash.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_secret);
            _transcript.Dispose();
            _disposed = true;
        }
    }

    /// <summary>The 32 location bytes before base64url encoding.</summary>
    internal void DeriveLocation(Span<byte> location)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Debug.Assert(location.Length == LocationBytes);
        Derive("Location"u8, location);
    }

    private void Derive(ReadOnlySpan<byte> label, Span<byte> output)
    {
        Span<byte> transcriptHash = stackalloc byte[MaxHashLength];
        int hashLength = _transcript.GetCurrentHash(transcriptHash);
        Debug.Assert(hashLength == Suite.HashLength);

        TlsHkdf.ExpandLabel(Suite.HashAlgorithm, _secret, label, transcriptHash[..hashLength], output);
    }
}
