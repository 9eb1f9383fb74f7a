using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;

namespace Tigress.Protocol.Tests.Pake;

public sealed class PinSessionCipherTests
{
    [Fact]
    public void Seal_PlatformAesGcm_OpensWithTheDocumentedAad()
    {
        byte[] key = RandomNumberGenerator.GetBytes(PinSessionCipher.KeyLength);
        using var cipher = PinSessionCipher.Import(key);

        byte[] sealedMessage = cipher.Seal(PayloadDirection.RecipientToInitiator, 3, "hello"u8);

        // nonce(12) || ciphertext || tag(16), AAD "tigress-pin/1 r2i 3", checked with the platform's AES-GCM directly.
        Assert.Equal(5 + PinSessionCipher.Overhead, sealedMessage.Length);
        using var aes = new AesGcm(key, 16);
        byte[] plaintext = new byte[5];
        aes.Decrypt(sealedMessage[..12], sealedMessage[12..^16], sealedMessage[^16..], plaintext, "tigress-pin/1 r2i 3"u8);
        Assert.Equal("hello"u8.ToArray(), plaintext);
    }

    [Fact]
    public void TryOpen_SameDirectionAndNumber_RoundTrips()
    {
        using var cipher = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));

        byte[] sealedMessage = cipher.Seal(PayloadDirection.InitiatorToRecipient, 1, "credential"u8);

        Assert.True(cipher.TryOpen(PayloadDirection.InitiatorToRecipient, 1, sealedMessage, out byte[]? plaintext));
        Assert.Equal("credential"u8.ToArray(), plaintext);
    }

    [Fact]
    public void TryOpen_ReflectedReplayedOrReordered_Fails()
    {
        using var cipher = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));
        byte[] sealedMessage = cipher.Seal(PayloadDirection.InitiatorToRecipient, 2, "x"u8);

        Assert.False(cipher.TryOpen(PayloadDirection.RecipientToInitiator, 2, sealedMessage, out _));
        Assert.False(cipher.TryOpen(PayloadDirection.InitiatorToRecipient, 3, sealedMessage, out _));
        Assert.False(cipher.TryOpen(PayloadDirection.InitiatorToRecipient, 1, sealedMessage, out _));
    }

    [Fact]
    public void TryOpen_OtherKeyTamperedOrShort_Fails()
    {
        using var cipher = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));
        using var other = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));
        byte[] sealedMessage = cipher.Seal(PayloadDirection.InitiatorToRecipient, 0, "abc"u8);
        byte[] tampered = (byte[])sealedMessage.Clone();
        tampered[13] ^= 1;

        Assert.False(other.TryOpen(PayloadDirection.InitiatorToRecipient, 0, sealedMessage, out _));
        Assert.False(cipher.TryOpen(PayloadDirection.InitiatorToRecipient, 0, tampered, out _));
        Assert.False(cipher.TryOpen(PayloadDirection.InitiatorToRecipient, 0, sealedMessage[..(PinSessionCipher.Overhead - 1)], out byte[]? plaintext));
        Assert.Null(plaintext);
    }

    [Fact]
    public void Seal_SameMessageTwice_FreshNonce()
    {
        using var cipher = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(cipher.Seal(PayloadDirection.InitiatorToRecipient, 0, "same"u8), cipher.Seal(PayloadDirection.InitiatorToRecipient, 0, "same"u8));
    }

    [Fact]
    public void ExportKey_Import_OpensWhatTheOriginalSealed()
    {
        using var cipher = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));
        byte[] sealedMessage = cipher.Seal(PayloadDirection.RecipientToInitiator, 0, "resume"u8);

        using var resumed = PinSessionCipher.Import(cipher.ExportKey());

        Assert.True(resumed.TryOpen(PayloadDirection.RecipientToInitiator, 0, sealedMessage, out _));
    }

    [Fact]
    public void Import_WrongLength_ThrowsArgumentExceptionNamingKey()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => PinSessionCipher.Import(new byte[16])).ParamName);
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var cipher = PinSessionCipher.Import(RandomNumberGenerator.GetBytes(32));
        cipher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cipher.Seal(PayloadDirection.InitiatorToRecipient, 0, "x"u8));
        Assert.Throws<ObjectDisposedException>(() => cipher.ExportKey());
        Assert.Equal("PinSessionCipher(AES-256-GCM)", cipher.ToString());
    }

    [Fact]
    public void Seal_BadArguments_Throw()
    {
        using var cipher = PinSessionCipher.Import(new byte[32]);

        Assert.Equal("sequence", Assert.Throws<ArgumentOutOfRangeException>(() => cipher.Seal(PayloadDirection.InitiatorToRecipient, -1, "x"u8)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentOutOfRangeException>(() => cipher.Seal((PayloadDirection)7, 0, "x"u8)).ParamName);
    }
}
