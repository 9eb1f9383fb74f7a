using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Tests.Mailbox;

/// <summary>The library's one AES-GCM clears what it was writing whenever it fails.</summary>
public sealed class AesGcmCoreTests
{
    private static readonly byte[] s_key = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] s_nonce = RandomNumberGenerator.GetBytes(AesGcmCore.NonceSize);

    [Fact]
    public void TryOpen_WrongTag_ReturnsFalseAndClearsPlaintext()
    {
        var (ciphertext, tag) = Seal("secret message"u8);
        tag[0] ^= 1;
        var plaintext = Filled(ciphertext.Length);

        var opened = AesGcmCore.TryOpen(s_key, s_nonce, ciphertext, tag, [], plaintext);

        Assert.False(opened);
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryOpen_BackendRefusesTheCall_ClearsPlaintextAndThrows()
    {
        var (ciphertext, tag) = Seal("secret message"u8);

        // A plaintext buffer of the wrong length makes the platform throw before it decrypts anything.
        var plaintext = Filled(ciphertext.Length + 1);

        Assert.ThrowsAny<ArgumentException>(() => AesGcmCore.TryOpen(s_key, s_nonce, ciphertext, tag, [], plaintext));
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Seal_BackendRefusesTheCall_ClearsCiphertextAndTagAndThrows()
    {
        var ciphertext = Filled(15);
        var tag = Filled(AesGcmCore.TagSize);

        Assert.ThrowsAny<ArgumentException>(() => AesGcmCore.Seal(s_key, s_nonce, "sixteen bytes!!!"u8, [], ciphertext, tag));
        Assert.All(ciphertext, b => Assert.Equal(0, b));
        Assert.All(tag, b => Assert.Equal(0, b));
    }

    [Fact]
    public void SealThenTryOpen_RoundTrips()
    {
        var (ciphertext, tag) = Seal("secret message"u8);
        var plaintext = new byte[ciphertext.Length];

        Assert.True(AesGcmCore.TryOpen(s_key, s_nonce, ciphertext, tag, [], plaintext));
        Assert.Equal("secret message"u8.ToArray(), plaintext);
    }

    private static (byte[] Ciphertext, byte[] Tag) Seal(ReadOnlySpan<byte> plaintext)
    {
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcmCore.TagSize];
        AesGcmCore.Seal(s_key, s_nonce, plaintext, [], ciphertext, tag);
        return (ciphertext, tag);
    }

    private static byte[] Filled(int length) => Enumerable.Repeat((byte)0xAA, length).ToArray();
}
