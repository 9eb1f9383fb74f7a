using System.Text;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake.RelayAssisted;

public sealed class RelayPinShareTests
{
    private static readonly byte[] s_secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [Theory]
    [MemberData(nameof(RelayPinVectors.Vectors), MemberType = typeof(RelayPinVectors))]
    public void Create_KnownAnswer_MatchesVerifierAndSessionKey(string pin, string secret, string oprfKey, string blind, string blindedElement, string evaluatedElement, string y, string proofKey, string sessionKey, string verifier)
    {
        _ = (blind, blindedElement, evaluatedElement, y, proofKey);

        using var share = RelayPinShare.Create(pin, Convert.FromHexString(secret), Convert.FromHexString(oprfKey));
        using var cipher = share.CreateSessionCipher();

        Assert.Equal(oprfKey, Convert.ToHexStringLower(share.ExportOprfKey()));
        Assert.Equal(verifier, Convert.ToHexStringLower(share.Verifier));
        Assert.Equal(sessionKey, Convert.ToHexStringLower(cipher.ExportKey()));
    }

    [Theory]
    [MemberData(nameof(RelayPinVectors.Vectors), MemberType = typeof(RelayPinVectors))]
    public void KeySchedule_KnownAnswer_MatchesYProofKeyAndSessionKey(string pin, string secret, string oprfKey, string blind, string blindedElement, string evaluatedElement, string y, string proofKey, string sessionKey, string verifier)
    {
        _ = (blind, blindedElement, evaluatedElement);
        byte[] actualProof = new byte[32];
        byte[] actualSession = new byte[32];
        byte[] actualVerifier = new byte[32];

        byte[] actualY = P256Oprf.Evaluate(Convert.FromHexString(oprfKey), Encoding.ASCII.GetBytes(pin));
        RelayPinKeySchedule.Derive(actualY, Convert.FromHexString(secret), actualProof, actualSession);
        RelayPinKeySchedule.ComputeVerifier(actualProof, actualVerifier);

        Assert.Equal(y, Convert.ToHexStringLower(actualY));
        Assert.Equal(proofKey, Convert.ToHexStringLower(actualProof));
        Assert.Equal(sessionKey, Convert.ToHexStringLower(actualSession));
        Assert.Equal(verifier, Convert.ToHexStringLower(actualVerifier));
    }

    [Fact]
    public void Create_RightPin_GuessProvesAndSharesTheSessionKey()
    {
        using var share = RelayPinShare.Create("1234567", s_secret);
        using var guess = RelayPinGuess.Create("1234567");

        using RelayPinProof proof = Finish(share, guess, s_secret);

        Assert.True(RelayPin.VerifyProof(proof.ProofKey, share.Verifier));
        using var initiator = share.CreateSessionCipher();
        using var recipient = proof.CreateSessionCipher();
        byte[] sealedMessage = initiator.Seal(PayloadDirection.InitiatorToRecipient, 0, "hello"u8);
        Assert.True(recipient.TryOpen(PayloadDirection.InitiatorToRecipient, 0, sealedMessage, out byte[]? plaintext));
        Assert.Equal("hello"u8.ToArray(), plaintext);
    }

    [Fact]
    public void Create_WrongPin_ProofFailsAndSessionKeyDiffers()
    {
        using var share = RelayPinShare.Create("1234567", s_secret);
        using var guess = RelayPinGuess.Create("1234568");

        using RelayPinProof proof = Finish(share, guess, s_secret);

        Assert.False(RelayPin.VerifyProof(proof.ProofKey, share.Verifier));
        using var initiator = share.CreateSessionCipher();
        using var recipient = proof.CreateSessionCipher();
        Assert.NotEqual(initiator.ExportKey(), recipient.ExportKey());
    }

    [Fact]
    public void Create_RightPinOtherSecret_ProofFails()
    {
        using var share = RelayPinShare.Create("1234567", s_secret);
        using var guess = RelayPinGuess.Create("1234567");
        byte[] otherSecret = (byte[])s_secret.Clone();
        otherSecret[0] ^= 1;

        using RelayPinProof proof = Finish(share, guess, otherSecret);

        Assert.False(RelayPin.VerifyProof(proof.ProofKey, share.Verifier));
    }

    [Fact]
    public void Create_TwoShares_DrawDifferentKeys()
    {
        using var first = RelayPinShare.Create("1234567", s_secret);
        using var second = RelayPinShare.Create("1234567", s_secret);

        Assert.NotEqual(first.ExportOprfKey(), second.ExportOprfKey());
        Assert.NotEqual(first.Verifier.ToArray(), second.Verifier.ToArray());
        Assert.True(P256Oprf.IsValidKey(first.ExportOprfKey()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("123 4567")]
    [InlineData("123456a")]
    [InlineData("١٢٣٤٥٦٧")] // digits, but not yet in normal form
    [InlineData("123456789012345678901234567890123")]
    public void Create_PinNotInNormalForm_Throws(string pin)
    {
        Assert.Throws<ArgumentException>("pin", () => RelayPinShare.Create(pin, s_secret));
        Assert.Throws<ArgumentException>("pin", () => RelayPinGuess.Create(pin));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(24)]
    [InlineData(33)]
    public void Create_SecretOfWrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>("secret", () => RelayPinShare.Create("1234567", new byte[length]));
    }

    [Fact]
    public void Dispose_RefusesUse_AndToStringNamesTypeOnly()
    {
        var share = RelayPinShare.Create("1234567", s_secret);
        Assert.Equal("RelayPinShare(P256-SHA256)", share.ToString());

        share.Dispose();
        share.Dispose();

        Assert.Throws<ObjectDisposedException>(() => share.ExportOprfKey());
        Assert.Throws<ObjectDisposedException>(() => share.Verifier.Length);
        Assert.Throws<ObjectDisposedException>(() => share.CreateSessionCipher());
    }

    internal static RelayPinProof Finish(RelayPinShare share, RelayPinGuess guess, byte[] secret)
    {
        byte[] evaluated = new byte[P256Oprf.ElementLength];
        Assert.True(P256Oprf.TryBlindEvaluate(share.ExportOprfKey(), guess.BlindedElement, evaluated));
        Assert.True(guess.TryFinish(evaluated, secret, out RelayPinProof? proof));
        return proof;
    }
}
