using System.Security.Cryptography;
using System.Text;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake;

public sealed class Spake2Tests
{
    private static readonly byte[] s_initiator = "tigress initiator"u8.ToArray();
    private static readonly byte[] s_recipient = "tigress recipient"u8.ToArray();

    // Known answers.

    [Theory]
    [MemberData(nameof(Spake2Rfc9382Vectors.Shares), MemberType = typeof(Spake2Rfc9382Vectors))]
    public void GetShare_Rfc9382Vector_MatchesPAAndPB(string a, string b, string w, string x, string y, string pA, string pB)
    {
        using var partyA = Spake2.CreateWithEphemeral(Spake2Role.A, Convert.FromHexString(w), Convert.FromHexString(x), Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
        using var partyB = Spake2.CreateWithEphemeral(Spake2Role.B, Convert.FromHexString(w), Convert.FromHexString(y), Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

        Assert.Equal(pA, Convert.ToHexStringLower(partyA.GetShare()));
        Assert.Equal(pB, Convert.ToHexStringLower(partyB.GetShare()));
    }

    [Theory]
    [MemberData(nameof(Spake2Rfc9382Vectors.SharedPoints), MemberType = typeof(Spake2Rfc9382Vectors))]
    public void ComputeSharedPoint_Rfc9382Vector_BothSidesMatchK(string w, string x, string y, string pA, string pB, string k)
    {
        byte[] kA = new byte[Spake2.ShareLength];
        byte[] kB = new byte[Spake2.ShareLength];

        Spake2Group.ComputeSharedPoint(Spake2Role.A, Convert.FromHexString(w), Convert.FromHexString(x), Convert.FromHexString(pB), kA);
        Spake2Group.ComputeSharedPoint(Spake2Role.B, Convert.FromHexString(w), Convert.FromHexString(y), Convert.FromHexString(pA), kB);

        Assert.Equal(k, Convert.ToHexStringLower(kA));
        Assert.Equal(k, Convert.ToHexStringLower(kB));
    }

    [Theory]
    [MemberData(nameof(Spake2Rfc9382Vectors.Runs), MemberType = typeof(Spake2Rfc9382Vectors))]
    public void Run_Rfc9382Vector_MatchesConfirmationsAndSharedKey(string a, string b, string w, string x, string y, string ke, string cA, string cB)
    {
        using var partyA = Spake2.CreateWithEphemeral(Spake2Role.A, Convert.FromHexString(w), Convert.FromHexString(x), Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
        using var partyB = Spake2.CreateWithEphemeral(Spake2Role.B, Convert.FromHexString(w), Convert.FromHexString(y), Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

        byte[] confirmationB = partyB.Finish(partyA.GetShare());
        byte[] confirmationA = partyA.Finish(partyB.GetShare());

        Assert.Equal(cA, Convert.ToHexStringLower(confirmationA));
        Assert.Equal(cB, Convert.ToHexStringLower(confirmationB));
        Assert.True(partyA.Verify(confirmationB));
        Assert.True(partyB.Verify(confirmationA));
        Assert.Equal(ke, Convert.ToHexStringLower(partyA.ExportSharedKey()));
        Assert.Equal(ke, Convert.ToHexStringLower(partyB.ExportSharedKey()));
    }

    // Round trips.

    [Fact]
    public void Run_RandomPassword_BothVerifyWithEqualKeys()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.True(a.Verify(cB));
        Assert.True(b.Verify(cA));
        Assert.True(a.IsVerified);
        Assert.True(b.IsVerified);
        Assert.Equal(a.ExportSharedKey(), b.ExportSharedKey());
        Assert.Equal(Spake2.SharedKeyLength, a.ExportSharedKey().Length);
    }

    [Fact]
    public void Run_SamePasswordTwice_GivesFreshSharesAndKeys()
    {
        byte[] w = RandomScalar();

        byte[] first = RunToSharedKey(w, w, out byte[] firstShare);
        byte[] second = RunToSharedKey(w, w, out byte[] secondShare);

        Assert.NotEqual(firstShare, secondShare);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Run_ConcurrentRuns_AllVerify()
    {
        // M, N and P are shared, and BouncyCastle caches each point's comb table on first use.
        byte[][] keys = new byte[16][];

        Parallel.For(0, keys.Length, i => keys[i] = RunToSharedKey(RandomScalar(), null, out _));

        Assert.All(keys, key => Assert.Equal(Spake2.SharedKeyLength, key.Length));
        Assert.Equal(keys.Length, keys.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Run_SameAad_Verifies()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient, "tigress-pin/1"u8);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient, "tigress-pin/1"u8);

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.True(a.Verify(cB));
        Assert.True(b.Verify(cA));
    }

    // Failures that a wrong PIN or an attacker causes.

    [Fact]
    public void Verify_WrongPassword_FailsOnBothSides()
    {
        using var a = Spake2.CreateA(RandomScalar(), s_initiator, s_recipient);
        using var b = Spake2.CreateB(RandomScalar(), s_initiator, s_recipient);

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.False(a.Verify(cB));
        Assert.False(b.Verify(cA));
        Assert.False(a.IsVerified);
        Assert.Throws<InvalidOperationException>(() => a.ExportSharedKey());
        Assert.Throws<InvalidOperationException>(() => b.ExportSharedKey());
    }

    [Fact]
    public void Verify_ShareAndConfirmationFromAnotherRun_Fails()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var otherA = Spake2.CreateA(w, s_initiator, s_recipient);
        using var otherB = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] replayedConfirmation = otherB.Finish(otherA.GetShare());

        // A relay answers the initiator with the recipient's share and confirmation from another run of the same PIN.
        a.Finish(otherB.GetShare());

        Assert.False(a.Verify(replayedConfirmation));
    }

    [Fact]
    public void Verify_ShareSubstitutedInOneDirection_FailsOnBothSides()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        using var stale = Spake2.CreateA(w, s_initiator, s_recipient);

        // B receives a share from another run instead of A's.
        byte[] cB = b.Finish(stale.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.False(a.Verify(cB));
        Assert.False(b.Verify(cA));
    }

    [Fact]
    public void Verify_ReflectedConfirmation_Fails()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        b.Finish(a.GetShare());

        byte[] cA = a.Finish(b.GetShare());

        Assert.False(a.Verify(cA));
    }

    [Theory]
    [InlineData("tigress initiator", "someone else")]
    [InlineData("someone else", "tigress recipient")]
    [InlineData("tigress recipient", "tigress initiator")]
    public void Verify_IdentitiesDiffer_Fails(string otherA, string otherB)
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, Encoding.UTF8.GetBytes(otherA), Encoding.UTF8.GetBytes(otherB));

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.False(a.Verify(cB));
        Assert.False(b.Verify(cA));
    }

    [Fact]
    public void Verify_AadDiffers_Fails()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient, "tigress-pin/1"u8);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient, "tigress-pin/2"u8);

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.False(a.Verify(cB));
        Assert.False(b.Verify(cA));
    }

    [Fact]
    public void Verify_OneBitFlipped_Fails()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] cB = b.Finish(a.GetShare());
        a.Finish(b.GetShare());

        cB[^1] ^= 0x80;

        Assert.False(a.Verify(cB));
    }

    [Fact]
    public void Verify_AfterFailure_CannotRetry()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] cB = b.Finish(a.GetShare());
        a.Finish(b.GetShare());
        Assert.False(a.Verify(new byte[Spake2.ConfirmationLength]));

        // The right confirmation after a wrong one must not count: one guess per run.
        Assert.Throws<InvalidOperationException>(() => a.Verify(cB));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void Verify_ConfirmationOfWrongLength_ThrowsMalformedConfirmationAndFails(int length)
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] cB = b.Finish(a.GetShare());
        a.Finish(b.GetShare());

        var ex = Assert.Throws<TigressProtocolException>(() => a.Verify(new byte[length]));

        Assert.Equal(PakeErrorCodes.MalformedConfirmation, ex.ErrorCode);
        Assert.Throws<InvalidOperationException>(() => a.Verify(cB));
    }

    [Theory]
    [MemberData(nameof(Spake2GroupTests.MalformedShares), MemberType = typeof(Spake2GroupTests))]
    public void Finish_MalformedShare_ThrowsInvalidShareAndFails(string share)
    {
        using var a = Spake2.CreateA(RandomScalar(), s_initiator, s_recipient);

        var ex = Assert.Throws<TigressProtocolException>(() => a.Finish(Convert.FromHexString(share)));

        Assert.Equal(PakeErrorCodes.InvalidShare, ex.ErrorCode);
        Assert.Throws<InvalidOperationException>(() => a.Finish(a.GetShare()));
        Assert.Throws<InvalidOperationException>(() => a.Verify(new byte[Spake2.ConfirmationLength]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Finish_InfinityEncoding_ThrowsIdentityShare(bool sideA)
    {
        // Spake2Role is internal, so a public theory names the side by a flag.
        var role = sideA ? Spake2Role.A : Spake2Role.B;
        using var party = Create(role, RandomScalar());

        var ex = Assert.Throws<TigressProtocolException>(() => party.Finish([0x00]));

        Assert.Equal(PakeErrorCodes.IdentityShare, ex.ErrorCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Finish_PeerShareIsPasswordTermAlone_ThrowsIdentitySharedPoint(bool sideA)
    {
        // Spake2Role is internal, so a public theory names the side by a flag.
        var role = sideA ? Spake2Role.A : Spake2Role.B;
        byte[] w = RandomScalar();
        using var party = Create(role, w);

        // The peer of A blinds with N and the peer of B with M; a share of exactly w*N (or w*M) makes K the identity.
        var peerBlind = role == Spake2Role.A ? Spake2Group.N : Spake2Group.M;
        byte[] share = peerBlind.Multiply(new Org.BouncyCastle.Math.BigInteger(1, w)).Normalize().GetEncoded(false);

        var ex = Assert.Throws<TigressProtocolException>(() => party.Finish(share));

        Assert.Equal(PakeErrorCodes.IdentitySharedPoint, ex.ErrorCode);
        Assert.Throws<InvalidOperationException>(() => party.ExportSharedKey());
    }

    [Theory]
    [InlineData("secp256k1")]
    [InlineData("brainpoolP256r1")]
    public void Finish_PointOfAnotherCurve_ThrowsInvalidShare(string curveName)
    {
        var curve = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName(curveName) ?? Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName(curveName);
        byte[] foreign = curve.G.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(99)).Normalize().GetEncoded(false);
        using var b = Spake2.CreateB(RandomScalar(), s_initiator, s_recipient);

        var ex = Assert.Throws<TigressProtocolException>(() => b.Finish(foreign));

        Assert.Equal(PakeErrorCodes.InvalidShare, ex.ErrorCode);
    }

    // Order of calls.

    [Fact]
    public void Verify_BeforeFinish_ThrowsInvalidOperation()
    {
        using var a = Spake2.CreateA(RandomScalar(), s_initiator, s_recipient);

        Assert.Throws<InvalidOperationException>(() => a.Verify(new byte[Spake2.ConfirmationLength]));
    }

    [Fact]
    public void ExportSharedKey_BeforeVerify_ThrowsInvalidOperation()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);

        Assert.Throws<InvalidOperationException>(() => a.ExportSharedKey());
        a.Finish(b.GetShare());
        Assert.Throws<InvalidOperationException>(() => a.ExportSharedKey());
        Assert.Throws<InvalidOperationException>(() => a.DeriveSessionKey(new byte[32], 32));
    }

    [Fact]
    public void Finish_Twice_ThrowsInvalidOperation()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        a.Finish(b.GetShare());

        Assert.Throws<InvalidOperationException>(() => a.Finish(b.GetShare()));
    }

    [Fact]
    public void Verify_Twice_ThrowsInvalidOperation()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] cB = b.Finish(a.GetShare());
        a.Finish(b.GetShare());
        Assert.True(a.Verify(cB));

        Assert.Throws<InvalidOperationException>(() => a.Verify(cB));
    }

    [Fact]
    public void GetShare_AfterFinish_StillAvailable()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] before = b.GetShare();

        b.Finish(a.GetShare());

        Assert.Equal(before, b.GetShare());
    }

    [Fact]
    public void Methods_AfterDispose_ThrowObjectDisposed()
    {
        byte[] w = RandomScalar();
        var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] cB = b.Finish(a.GetShare());
        a.Finish(b.GetShare());
        Assert.True(a.Verify(cB));

        a.Dispose();
        a.Dispose();

        Assert.Throws<ObjectDisposedException>(() => a.GetShare());
        Assert.Throws<ObjectDisposedException>(() => a.ExportSharedKey());
        Assert.Throws<ObjectDisposedException>(() => a.Finish(b.GetShare()));
        Assert.Throws<ObjectDisposedException>(() => a.Verify(cB));
        Assert.Throws<ObjectDisposedException>(() => a.DeriveSessionKey(new byte[32], 32));
    }

    // Argument validation.

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000001")]
    public void Create_InvalidPasswordScalar_ThrowsArgumentException(string w)
    {
        var exA = Assert.Throws<ArgumentException>(() => Spake2.CreateA(Convert.FromHexString(w), s_initiator, s_recipient));
        var exB = Assert.Throws<ArgumentException>(() => Spake2.CreateB(Convert.FromHexString(w), s_initiator, s_recipient));

        Assert.Equal("w", exA.ParamName);
        Assert.Equal("w", exB.ParamName);
    }

    [Fact]
    public void CreateWithEphemeral_InvalidEphemeral_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => Spake2.CreateWithEphemeral(Spake2Role.A, RandomScalar(), new byte[Spake2.ScalarLength], s_initiator, s_recipient));

        Assert.Equal("ephemeral", ex.ParamName);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void Finish_ConfirmationBufferOfWrongLength_ThrowsArgumentExceptionAndKeepsState(int length)
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);

        var ex = Assert.Throws<ArgumentException>(() => a.Finish(b.GetShare(), new byte[length]));

        Assert.Equal("confirmation", ex.ParamName);
        Assert.Equal(Spake2.ConfirmationLength, a.Finish(b.GetShare()).Length);
    }

    [Fact]
    public void Finish_ConfirmationOverlapsShare_ThrowsArgumentException()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] buffer = new byte[Spake2.ShareLength + Spake2.ConfirmationLength];
        b.GetShare(buffer.AsSpan(0, Spake2.ShareLength));

        var ex = Assert.Throws<ArgumentException>(() => a.Finish(buffer.AsSpan(0, Spake2.ShareLength), buffer.AsSpan(Spake2.ShareLength - 1, Spake2.ConfirmationLength)));

        Assert.Equal("confirmation", ex.ParamName);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(66)]
    public void GetShare_DestinationOfWrongLength_ThrowsArgumentException(int length)
    {
        using var a = Spake2.CreateA(RandomScalar(), s_initiator, s_recipient);

        var ex = Assert.Throws<ArgumentException>(() => a.GetShare(new byte[length]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void ExportSharedKey_DestinationOfWrongLength_ThrowsArgumentException()
    {
        using var a = VerifiedPair(out _);

        var ex = Assert.Throws<ArgumentException>(() => a.ExportSharedKey(new byte[Spake2.SharedKeyLength + 1]));

        Assert.Equal("destination", ex.ParamName);
    }

    // Session key and hygiene.

    [Fact]
    public void DeriveSessionKey_Verified_MatchesPinSessionKeyOfExportedKey()
    {
        using var a = VerifiedPair(out Spake2 b);
        using (b)
        {
            byte[] secret = RandomNumberGenerator.GetBytes(32);

            byte[] fromA = a.DeriveSessionKey(secret, 32);
            byte[] fromB = b.DeriveSessionKey(secret, 32);

            Assert.Equal(fromA, fromB);
            Assert.Equal(PinSessionKey.Derive(secret, a.ExportSharedKey(), 32), fromA);
        }
    }

    [Fact]
    public void ToString_AnyState_NamesRoleAndStateButNoSecrets()
    {
        byte[] w = RandomScalar();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(w, s_initiator, s_recipient);
        string created = a.ToString();
        byte[] cB = b.Finish(a.GetShare());
        a.Finish(b.GetShare());
        a.Verify(cB);

        string verified = a.ToString();
        string key = Convert.ToHexString(a.ExportSharedKey());

        Assert.Contains("party A", created, StringComparison.Ordinal);
        Assert.Contains("verified", verified, StringComparison.Ordinal);
        foreach (string text in new[] { created, verified })
        {
            Assert.DoesNotContain(Convert.ToHexString(w), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(key, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(w), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_CallerBufferClearedAfterwards_PartyKeepsItsOwnCopy()
    {
        byte[] w = RandomScalar();
        byte[] copy = (byte[])w.Clone();
        using var a = Spake2.CreateA(w, s_initiator, s_recipient);
        using var b = Spake2.CreateB(copy, s_initiator, s_recipient);

        CryptographicOperations.ZeroMemory(w);
        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.True(a.Verify(cB));
        Assert.True(b.Verify(cA));
    }

    private static byte[] RandomScalar()
    {
        byte[] w = new byte[Spake2.ScalarLength];
        Spake2Group.GenerateScalar(w);
        return w;
    }

    private static Spake2 Create(Spake2Role role, byte[] w) =>
        role == Spake2Role.A ? Spake2.CreateA(w, s_initiator, s_recipient) : Spake2.CreateB(w, s_initiator, s_recipient);

    private static byte[] RunToSharedKey(byte[] wA, byte[]? wB, out byte[] shareA)
    {
        using var a = Spake2.CreateA(wA, s_initiator, s_recipient);
        using var b = Spake2.CreateB(wB ?? wA, s_initiator, s_recipient);
        shareA = a.GetShare();
        byte[] cB = b.Finish(shareA);
        a.Finish(b.GetShare());
        Assert.True(a.Verify(cB));
        return a.ExportSharedKey();
    }

    private static Spake2 VerifiedPair(out Spake2 b)
    {
        byte[] w = RandomScalar();
        var a = Spake2.CreateA(w, s_initiator, s_recipient);
        b = Spake2.CreateB(w, s_initiator, s_recipient);
        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());
        Assert.True(a.Verify(cB));
        Assert.True(b.Verify(cA));
        return a;
    }
}
