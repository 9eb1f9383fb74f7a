using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake.RelayAssisted;

public sealed class RelayPinGuessTests
{
    private static readonly byte[] s_secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [Theory]
    [MemberData(nameof(RelayPinVectors.Vectors), MemberType = typeof(RelayPinVectors))]
    public void TryFinish_KnownAnswer_MatchesProofAndSessionKey(string pin, string secret, string oprfKey, string blind, string blindedElement, string evaluatedElement, string y, string proofKey, string sessionKey, string verifier)
    {
        _ = (y, verifier);
        using var guess = RelayPinGuess.Create(pin, Convert.FromHexString(blind));
        byte[] evaluated = new byte[P256Oprf.ElementLength];

        Assert.Equal(blindedElement, Convert.ToHexStringLower(guess.BlindedElement));
        Assert.True(P256Oprf.TryBlindEvaluate(Convert.FromHexString(oprfKey), guess.BlindedElement, evaluated));
        Assert.Equal(evaluatedElement, Convert.ToHexStringLower(evaluated));

        Assert.True(guess.TryFinish(evaluated, Convert.FromHexString(secret), out RelayPinProof? proof));
        using (proof)
        using (var cipher = proof.CreateSessionCipher())
        {
            Assert.Equal(proofKey, Convert.ToHexStringLower(proof.ProofKey));
            Assert.Equal(sessionKey, Convert.ToHexStringLower(cipher.ExportKey()));
        }
    }

    [Fact]
    public void TryFinish_MalformedElement_ReturnsFalse()
    {
        using var guess = RelayPinGuess.Create("1234567");

        Assert.False(guess.TryFinish([], s_secret, out RelayPinProof? proof));
        Assert.Null(proof);
        Assert.False(guess.TryFinish(new byte[P256Oprf.ElementLength], s_secret, out proof));
        Assert.Null(proof);
        Assert.False(guess.TryFinish(guess.BlindedElement[..32], s_secret, out proof));
        Assert.Null(proof);
    }

    [Fact]
    public void TryFinish_SecretOfWrongLength_Throws()
    {
        using var guess = RelayPinGuess.Create("1234567");

        Assert.Throws<ArgumentException>("secret", () => guess.TryFinish(guess.BlindedElement, new byte[20], out _));
    }

    [Fact]
    public void Create_TwoGuesses_BlindDifferently()
    {
        using var first = RelayPinGuess.Create("1234567");
        using var second = RelayPinGuess.Create("1234567");

        Assert.Equal(P256Oprf.ElementLength, first.BlindedElement.Length);
        Assert.NotEqual(first.BlindedElement.ToArray(), second.BlindedElement.ToArray());
    }

    [Fact]
    public void Dispose_RefusesUse_AndToStringNamesTypeOnly()
    {
        var guess = RelayPinGuess.Create("1234567");
        Assert.Equal("RelayPinGuess(P256-SHA256)", guess.ToString());
        byte[] element = guess.BlindedElement.ToArray();

        guess.Dispose();

        Assert.Throws<ObjectDisposedException>(() => guess.BlindedElement.Length);
        Assert.Throws<ObjectDisposedException>(() => guess.TryFinish(element, s_secret, out _));
    }

    [Fact]
    public void Proof_Dispose_RefusesUse()
    {
        using var share = RelayPinShare.Create("1234567", s_secret);
        using var guess = RelayPinGuess.Create("1234567");
        RelayPinProof proof = RelayPinShareTests.Finish(share, guess, s_secret);
        Assert.Equal("RelayPinProof", proof.ToString());

        proof.Dispose();

        Assert.Throws<ObjectDisposedException>(() => proof.ProofKey.Length);
        Assert.Throws<ObjectDisposedException>(() => proof.CreateSessionCipher());
    }
}
