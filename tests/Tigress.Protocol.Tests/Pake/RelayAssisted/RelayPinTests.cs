using System.Security.Cryptography;
using Tigress.Protocol.Pake;

namespace Tigress.Protocol.Tests.Pake.RelayAssisted;

public sealed class RelayPinTests
{
    [Theory]
    [InlineData(7, 3, true)]    // the defaults: 3 × 10^-7
    [InlineData(7, 10, true)]   // exactly 10^-6
    [InlineData(6, 1, true)]    // exactly 10^-6
    [InlineData(6, 2, false)]
    [InlineData(6, 3, false)]
    [InlineData(8, 10, true)]
    [InlineData(32, 10, true)]
    [InlineData(7, 11, false)]  // above the relay's maximum
    [InlineData(32, 11, false)]
    [InlineData(7, 0, false)]
    [InlineData(7, -1, false)]
    [InlineData(5, 1, false)]   // shorter than any PIN
    [InlineData(33, 1, false)]  // longer than any PIN
    [InlineData(int.MaxValue, 1, false)]
    public void IsAllowed_Cases(int digits, int guesses, bool expected)
    {
        Assert.Equal(expected, RelayPin.IsAllowed(digits, guesses));
    }

    [Fact]
    public void IsAllowed_Defaults_AreAllowed()
    {
        Assert.True(RelayPin.IsAllowed(RelayPin.DefaultDigits, RelayPin.DefaultGuesses));
        Assert.True(RelayPin.IsAllowed(RelayPin.DefaultDigits, RelayPin.MaxGuesses));
    }

    [Fact]
    public void VerifyProof_MatchingAndOtherProofs()
    {
        byte[] proof = RandomNumberGenerator.GetBytes(32);
        byte[] verifier = SHA256.HashData(proof);
        byte[] other = (byte[])proof.Clone();
        other[31] ^= 1;

        Assert.True(RelayPin.VerifyProof(proof, verifier));
        Assert.False(RelayPin.VerifyProof(other, verifier));
        Assert.False(RelayPin.VerifyProof(verifier, verifier));
        Assert.False(RelayPin.VerifyProof(proof.AsSpan(0, 31), verifier));
        Assert.False(RelayPin.VerifyProof(proof, verifier.AsSpan(0, 31)));
        Assert.False(RelayPin.VerifyProof([], []));
    }
}
