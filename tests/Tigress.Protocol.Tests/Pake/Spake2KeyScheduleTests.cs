using System.Security.Cryptography;
using System.Text;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake;

public sealed class Spake2KeyScheduleTests
{
    [Theory]
    [MemberData(nameof(Spake2Rfc9382Vectors.Transcripts), MemberType = typeof(Spake2Rfc9382Vectors))]
    public void WriteTranscript_Rfc9382Vector_MatchesTT(string a, string b, string pA, string pB, string k, string w, string expected)
    {
        byte[] identityA = Encoding.ASCII.GetBytes(a);
        byte[] identityB = Encoding.ASCII.GetBytes(b);
        byte[] transcript = new byte[Spake2KeySchedule.GetTranscriptLength(identityA.Length, identityB.Length)];

        int written = Spake2KeySchedule.WriteTranscript(
            identityA, identityB, Convert.FromHexString(pA), Convert.FromHexString(pB), Convert.FromHexString(k), Convert.FromHexString(w), transcript);

        Assert.Equal(transcript.Length, written);
        Assert.Equal(expected, Convert.ToHexStringLower(transcript));
    }

    [Theory]
    [MemberData(nameof(Spake2Rfc9382Vectors.KeySchedules), MemberType = typeof(Spake2Rfc9382Vectors))]
    public void DeriveKeys_Rfc9382Vector_MatchesKeysAndConfirmations(string tt, string ke, string ka, string kcA, string kcB, string cA, string cB)
    {
        byte[] transcript = Convert.FromHexString(tt);
        byte[] keyE = new byte[Spake2KeySchedule.KeyLength];
        byte[] keyA = new byte[Spake2KeySchedule.KeyLength];
        byte[] confirmationKeyA = new byte[Spake2KeySchedule.ConfirmationKeyLength];
        byte[] confirmationKeyB = new byte[Spake2KeySchedule.ConfirmationKeyLength];
        byte[] confirmationA = new byte[Spake2KeySchedule.ConfirmationLength];
        byte[] confirmationB = new byte[Spake2KeySchedule.ConfirmationLength];

        Spake2KeySchedule.DeriveKeys(transcript, default, keyE, keyA, confirmationKeyA, confirmationKeyB);
        Spake2KeySchedule.ComputeConfirmation(confirmationKeyA, transcript, confirmationA);
        Spake2KeySchedule.ComputeConfirmation(confirmationKeyB, transcript, confirmationB);

        Assert.Equal(ke, Convert.ToHexStringLower(keyE));
        Assert.Equal(ka, Convert.ToHexStringLower(keyA));
        Assert.Equal(kcA, Convert.ToHexStringLower(confirmationKeyA));
        Assert.Equal(kcB, Convert.ToHexStringLower(confirmationKeyB));
        Assert.Equal(cA, Convert.ToHexStringLower(confirmationA));
        Assert.Equal(cB, Convert.ToHexStringLower(confirmationB));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(240)]
    [InlineData(241)]
    [InlineData(5000)]
    public void DeriveKeys_WithAad_ChangesOnlyConfirmationKeys(int aadLength)
    {
        byte[] transcript = RandomNumberGenerator.GetBytes(Spake2KeySchedule.GetTranscriptLength(6, 6));
        byte[] aad = new byte[aadLength];
        Array.Fill(aad, (byte)'a');
        byte[] plainKeys = DeriveAll(transcript, default);

        byte[] aadKeys = DeriveAll(transcript, aad);

        Assert.Equal(plainKeys[..32], aadKeys[..32]);
        Assert.Equal(aadLength == 0, plainKeys[32..].AsSpan().SequenceEqual(aadKeys[32..]));
    }

    private static byte[] DeriveAll(byte[] transcript, ReadOnlySpan<byte> aad)
    {
        byte[] all = new byte[64];
        Spake2KeySchedule.DeriveKeys(transcript, aad, all.AsSpan(0, 16), all.AsSpan(16, 16), all.AsSpan(32, 16), all.AsSpan(48, 16));
        return all;
    }
}
