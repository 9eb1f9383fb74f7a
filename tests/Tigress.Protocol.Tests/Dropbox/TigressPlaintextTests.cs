using System.Text;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Tests.Dropbox;

public sealed class TigressPlaintextTests
{
    // random<0..255> = 16 bytes a0..af, message_id = 0x0102, message = "hello".
    private const string KnownEncoding = "10" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "00000005" + "68656c6c6f";

    public static TheoryData<int, int> Sizes { get; } = new()
    {
        { 0, 0 },
        { 0, 1 },
        { 16, 0 },
        { 16, 5 },
        { 255, 0 },
        { 255, 70_000 },
        { 1, 65_536 },
    };

    [Fact]
    public void Encode_KnownFields_MatchesWireLayout()
    {
        var plaintext = TigressPlaintext.CreateWithRandom(Convert.FromHexString("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"), 0x0102, "hello"u8);

        Assert.Equal(KnownEncoding, Convert.ToHexStringLower(plaintext.Encode()));
        Assert.Equal(KnownEncoding.Length / 2, plaintext.EncodedLength);
        Assert.Equal(plaintext.EncodedLength, TigressPlaintext.GetEncodedLength(16, 5));
    }

    [Fact]
    public void Parse_KnownEncoding_YieldsFields()
    {
        var plaintext = TigressPlaintext.Parse(Convert.FromHexString(KnownEncoding));

        Assert.Equal(0x0102, plaintext.MessageId);
        Assert.Equal("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", Convert.ToHexStringLower(plaintext.Random.Span));
        Assert.Equal("hello", Encoding.ASCII.GetString(plaintext.Message.Span));
        Assert.False(plaintext.IsFirstInDirection);
    }

    [Fact]
    public void Parse_SmallestEncoding_YieldsEmptyFields()
    {
        var plaintext = TigressPlaintext.Parse(Convert.FromHexString("00" + "0000" + "00000000"));

        Assert.Equal(0, plaintext.MessageId);
        Assert.True(plaintext.Random.IsEmpty);
        Assert.True(plaintext.Message.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TryParse_EncodedPlaintext_RoundTrips(int randomLength, int messageLength)
    {
        byte[] message = new byte[messageLength];
        new Random(messageLength).NextBytes(message);
        var original = TigressPlaintext.Create(7, message, randomLength);

        Assert.True(TigressPlaintext.TryParse(original.Encode(), out TigressPlaintext? parsed));

        Assert.Equal(original.MessageId, parsed.MessageId);
        Assert.Equal(original.Random.ToArray(), parsed.Random.ToArray());
        Assert.Equal(message, parsed.Message.ToArray());
        Assert.Equal(original.Encode(), parsed.Encode());
    }

    [Fact]
    public void TryParse_EveryTruncation_ReturnsFalse()
    {
        byte[] encoded = Convert.FromHexString(KnownEncoding);

        for (int length = 0; length < encoded.Length; length++)
        {
            Assert.False(TigressPlaintext.TryParse(encoded.AsSpan(0, length), out TigressPlaintext? plaintext), $"prefix of {length} bytes");
            Assert.Null(plaintext);
        }
    }

    [Fact]
    public void Parse_EveryTruncation_ThrowsMalformedMessage()
    {
        byte[] encoded = Convert.FromHexString(KnownEncoding);

        for (int length = 0; length < encoded.Length; length++)
        {
            byte[] prefix = encoded[..length];
            var ex = Assert.Throws<TigressProtocolException>(() => TigressPlaintext.Parse(prefix));
            Assert.Equal(ProtocolErrorCodes.MalformedMessage, ex.ErrorCode);
        }
    }

    [Theory]
    [InlineData("00" + "0000" + "00000000" + "00")]
    [InlineData("00" + "0000" + "00000000" + "01")]
    [InlineData(KnownEncoding + "00")]
    [InlineData(KnownEncoding + "ff")]
    public void TryParse_TrailingByte_ReturnsFalse(string hex)
    {
        Assert.False(TigressPlaintext.TryParse(Convert.FromHexString(hex), out _));
    }

    [Theory]
    [InlineData("ff" + "0000" + "00000000")]
    [InlineData("10" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "00000006" + "68656c6c6f")]
    [InlineData("10" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "00000004" + "68656c6c6f")]
    [InlineData("10" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "ffffffff" + "68656c6c6f")]
    [InlineData("10" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "80000005" + "68656c6c6f")]
    [InlineData("10" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "00010005" + "68656c6c6f")]
    [InlineData("11" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "00000005" + "68656c6c6f")]
    [InlineData("0f" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "0102" + "00000005" + "68656c6c6f")]
    public void TryParse_LengthPastEndOrShort_ReturnsFalse(string hex)
    {
        Assert.False(TigressPlaintext.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void TryParse_InputChangedAfterParse_PlaintextUnchanged()
    {
        byte[] encoded = Convert.FromHexString(KnownEncoding);
        var plaintext = TigressPlaintext.Parse(encoded);

        Array.Clear(encoded);

        Assert.Equal(KnownEncoding, Convert.ToHexStringLower(plaintext.Encode()));
    }

    [Fact]
    public void Encode_ReturnedArrayChanged_PlaintextUnchanged()
    {
        var plaintext = TigressPlaintext.Parse(Convert.FromHexString(KnownEncoding));

        Array.Clear(plaintext.Encode());

        Assert.Equal(KnownEncoding, Convert.ToHexStringLower(plaintext.Encode()));
    }

    [Fact]
    public void TryEncode_DestinationTooSmall_ReturnsFalse()
    {
        var plaintext = TigressPlaintext.Parse(Convert.FromHexString(KnownEncoding));

        Assert.False(plaintext.TryEncode(new byte[plaintext.EncodedLength - 1], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryEncode_LargeEnoughDestination_WritesEncoding()
    {
        var plaintext = TigressPlaintext.Parse(Convert.FromHexString(KnownEncoding));
        byte[] destination = new byte[plaintext.EncodedLength + 3];

        Assert.True(plaintext.TryEncode(destination, out int written));

        Assert.Equal(plaintext.EncodedLength, written);
        Assert.Equal(KnownEncoding, Convert.ToHexStringLower(destination.AsSpan(0, written)));
    }

    [Fact]
    public void Create_DefaultRandomLength_FillsSixteenFreshRandomBytes()
    {
        var first = TigressPlaintext.Create(0, "same content"u8);
        var second = TigressPlaintext.Create(0, "same content"u8);

        Assert.Equal(TigressPlaintext.MinimumFirstRandomLength, first.Random.Length);
        Assert.False(first.Random.Span.SequenceEqual(second.Random.Span));
        Assert.True(first.IsFirstInDirection);
    }

    [Theory]
    [InlineData(0, 15)]
    [InlineData(1, 0)]
    [InlineData(2, -1)]
    [InlineData(2, 256)]
    public void Create_RandomLengthOutOfRange_ThrowsArgumentOutOfRangeException(int messageId, int randomLength)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TigressPlaintext.Create((ushort)messageId, default, randomLength));

        Assert.Equal("randomLength", ex.ParamName);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(1, 16)]
    [InlineData(65535, 255)]
    public void Create_RandomLengthAllowed_Succeeds(int messageId, int randomLength)
    {
        var plaintext = TigressPlaintext.Create((ushort)messageId, "x"u8, randomLength);

        Assert.Equal(randomLength, plaintext.Random.Length);
        Assert.Equal(messageId, plaintext.MessageId);
    }

    [Fact]
    public void ToString_Always_OmitsContent()
    {
        var plaintext = TigressPlaintext.Create(4, "car key: 0123456789"u8);

        string text = plaintext.ToString();

        Assert.DoesNotContain("car key", text, StringComparison.Ordinal);
        Assert.Contains("MessageId = 4", text, StringComparison.Ordinal);
    }
}
