using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

//
//  The plaintext of one dropbox message (draft-rescorla-tigress-http; docs/protocol.md section 11)
//
//      struct {
//          opaque random<0..255>;          1-byte length, then the random bytes
//          uint16 message_id;              big-endian
//          opaque message<0..2^32-1>;      4-byte big-endian length, then the vertical's content
//      } TigressPlaintext;
//
//      | Field      | Rule                                                                              |
//      | ---------- | --------------------------------------------------------------------------------- |
//      | random     | from a CSPRNG; at least 16 bytes in the first message of each direction, so the   |
//      |            | transcript, and with it every later location, cannot be predicted from content   |
//      | message_id | 0 for the first message; even from the sender, odd from the receiver; with strict |
//      |            | ping-pong it equals the message's index, so ids 0 and 1 open the two directions   |
//      | message    | opaque to this layer                                                              |
//
//  The encoding is also what enters the transcript T_i, so parsing accepts exactly one encoding per value:
//  nothing may follow the message, and every length must fit the input.
//

/// <summary>
/// The plaintext inside one sealed dropbox message: random padding, a message id and the vertical's content.
/// Create one with <see cref="Create"/>; read one with <see cref="TryParse"/>.
/// </summary>
public sealed class TigressPlaintext
{
    /// <summary>The most random bytes a plaintext can carry.</summary>
    public const int MaxRandomLength = byte.MaxValue;

    /// <summary>The fewest random bytes the first message in each direction (ids 0 and 1) must carry.</summary>
    public const int MinimumFirstRandomLength = 16;

    private const int RandomOffset = sizeof(byte);

    // The whole encoding; Random and Message are slices of it, so it is allocated once.
    private readonly byte[] _encoded;
    private readonly int _randomLength;

    private TigressPlaintext(byte[] encoded, int randomLength, ushort messageId)
    {
        _encoded = encoded;
        _randomLength = randomLength;
        MessageId = messageId;
    }

    /// <summary>The message id: the message's index in the exchange, even from the sender and odd from the receiver.</summary>
    public ushort MessageId { get; }

    /// <summary>The random bytes that precede the id.</summary>
    public ReadOnlyMemory<byte> Random => _encoded.AsMemory(RandomOffset, _randomLength);

    /// <summary>The content carried for the credential's vertical.</summary>
    public ReadOnlyMemory<byte> Message => _encoded.AsMemory(GetHeaderLength(_randomLength));

    /// <summary>Whether this is the first message of its direction (id 0 from the sender, id 1 from the receiver).</summary>
    public bool IsFirstInDirection => MessageId < 2;

    /// <summary>The size of the encoding that <see cref="Encode"/> returns.</summary>
    public int EncodedLength => _encoded.Length;

    /// <summary>The encoding itself, without a copy; it is what enters the transcript.</summary>
    internal ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>
    /// Builds a plaintext whose random bytes come from a CSPRNG. The default of 16 random bytes suits every message;
    /// ids 0 and 1 open a direction and refuse fewer.
    /// </summary>
    /// <param name="messageId">The message's index in the exchange.</param>
    /// <param name="message">The content; copied.</param>
    /// <param name="randomLength">How many random bytes to include, 0 to 255.</param>
    /// <remarks>The default for <paramref name="randomLength"/> is <see cref="MinimumFirstRandomLength"/> (16).</remarks>
    public static TigressPlaintext Create(ushort messageId, ReadOnlySpan<byte> message, int randomLength = MinimumFirstRandomLength)
    {
        int minimum = messageId < 2 ? MinimumFirstRandomLength : 0;
        ArgumentOutOfRangeException.ThrowIfLessThan(randomLength, minimum);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(randomLength, MaxRandomLength);

        TigressPlaintext plaintext = Build(randomLength, messageId, message);
        RandomNumberGenerator.Fill(plaintext._encoded.AsSpan(RandomOffset, randomLength));
        return plaintext;
    }

    /// <summary>Builds a plaintext with the given random bytes; for known-answer tests only.</summary>
    internal static TigressPlaintext CreateWithRandom(ReadOnlySpan<byte> random, ushort messageId, ReadOnlySpan<byte> message)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(random.Length, MaxRandomLength, nameof(random));

        TigressPlaintext plaintext = Build(random.Length, messageId, message);
        random.CopyTo(plaintext._encoded.AsSpan(RandomOffset));
        return plaintext;
    }

    /// <summary>The size of an encoding with the given numbers of random and message bytes.</summary>
    public static int GetEncodedLength(int randomLength, int messageLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(randomLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(randomLength, MaxRandomLength);
        ArgumentOutOfRangeException.ThrowIfNegative(messageLength);
        return checked(GetHeaderLength(randomLength) + messageLength);
    }

    /// <summary>Reads one plaintext that must fill <paramref name="encoded"/> exactly.</summary>
    /// <exception cref="TigressProtocolException">The bytes are not one well-formed plaintext (<see cref="ProtocolErrorCodes.MalformedMessage"/>).</exception>
    public static TigressPlaintext Parse(ReadOnlySpan<byte> encoded)
    {
        if (!TryParse(encoded, out TigressPlaintext? plaintext))
        {
            Error.ThrowProtocol(ProtocolErrorCodes.MalformedMessage, "The dropbox message is not one well-formed TigressPlaintext.");
        }

        return plaintext;
    }

    /// <summary>
    /// Reads one plaintext that must fill <paramref name="encoded"/> exactly; returns <see langword="false"/> on a
    /// truncated field, a length past the end, or trailing bytes.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out TigressPlaintext? plaintext)
    {
        if (!TryReadHeader(encoded, out int randomLength, out ushort messageId))
        {
            plaintext = null;
            return false;
        }

        plaintext = new TigressPlaintext(encoded.ToArray(), randomLength, messageId);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but takes ownership of <paramref name="encoded"/> instead of copying it.</summary>
    internal static bool TryParseOwned(byte[] encoded, [NotNullWhen(true)] out TigressPlaintext? plaintext)
    {
        if (!TryReadHeader(encoded, out int randomLength, out ushort messageId))
        {
            plaintext = null;
            return false;
        }

        plaintext = new TigressPlaintext(encoded, randomLength, messageId);
        return true;
    }

    /// <summary>A copy of the encoding.</summary>
    public byte[] Encode() => (byte[])_encoded.Clone();

    /// <summary>Writes the encoding into <paramref name="destination"/>; returns <see langword="false"/> if it does not fit.</summary>
    public bool TryEncode(Span<byte> destination, out int bytesWritten)
    {
        if (!_encoded.AsSpan().TryCopyTo(destination))
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = _encoded.Length;
        return true;
    }

    /// <summary>The id and the sizes; never the content.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"TigressPlaintext {{ MessageId = {MessageId}, RandomLength = {_randomLength}, MessageLength = {_encoded.Length - GetHeaderLength(_randomLength)} }}");

    private static bool TryReadHeader(ReadOnlySpan<byte> encoded, out int randomLength, out ushort messageId)
    {
        randomLength = 0;
        messageId = 0;
        if (encoded.IsEmpty)
        {
            return false;
        }

        randomLength = encoded[0];
        int headerLength = GetHeaderLength(randomLength);
        if (encoded.Length < headerLength)
        {
            return false;
        }

        messageId = BinaryPrimitives.ReadUInt16BigEndian(encoded[(RandomOffset + randomLength)..]);
        uint messageLength = BinaryPrimitives.ReadUInt32BigEndian(encoded[(RandomOffset + randomLength + sizeof(ushort))..]);

        // Compare as unsigned 32-bit: a declared length past the end and bytes after the message both fail here.
        return messageLength == (uint)(encoded.Length - headerLength);
    }

    private static int GetHeaderLength(int randomLength) =>
        sizeof(byte) + randomLength      // opaque random<0..255>
        + sizeof(ushort)                 // uint16 message_id
        + sizeof(uint);                  // length of opaque message<0..2^32-1>

    private static TigressPlaintext Build(int randomLength, ushort messageId, ReadOnlySpan<byte> message)
    {
        Debug.Assert(randomLength is >= 0 and <= MaxRandomLength);

        int headerLength = GetHeaderLength(randomLength);
        var encoded = new byte[checked(headerLength + message.Length)];
        encoded[0] = (byte)randomLength;
        BinaryPrimitives.WriteUInt16BigEndian(encoded.AsSpan(RandomOffset + randomLength), messageId);
        BinaryPrimitives.WriteUInt32BigEndian(encoded.AsSpan(RandomOffset + randomLength + sizeof(ushort)), (uint)message.Length);
        message.CopyTo(encoded.AsSpan(headerLength));
        return new TigressPlaintext(encoded, randomLength, messageId);
    }
}
