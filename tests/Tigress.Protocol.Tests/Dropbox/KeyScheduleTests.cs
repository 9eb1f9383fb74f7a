using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Dropbox;

public sealed class KeyScheduleTests
{
    private static readonly Uri s_base = new("https://dropbox.example/d/");

    [Theory]
    [MemberData(nameof(DropboxKeyScheduleVectors.LocationsAndKeys), MemberType = typeof(DropboxKeyScheduleVectors))]
    public void GetLocationAndDeriveKey_FixedSecret_MatchIndependentVector(TigressSuiteId id, int index, string expectedLocation, string expectedKey)
    {
        var suite = TigressSuite.FromId(id);
        using var invitation = DropboxInvitation.CreateWithSecret(s_base, suite, Convert.FromHexString(DropboxKeyScheduleVectors.Secret));
        using var schedule = new KeySchedule(invitation);
        for (int i = 0; i < index; i++)
        {
            schedule.AppendToTranscript(VectorPlaintext(i).Encode());
        }

        byte[] key = new byte[suite.HashLength];
        schedule.DeriveKey(key);

        Assert.Equal(index, schedule.MessageIndex);
        Assert.Equal(expectedLocation, schedule.GetLocation());
        Assert.Equal(expectedKey, Convert.ToHexStringLower(key));
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void GetLocation_AnyTranscript_Is43Base64UrlCharacters(TigressSuiteId id)
    {
        using var schedule = NewSchedule(TigressSuite.FromId(id));
        var shape = new Regex("^[A-Za-z0-9_-]{43}$");

        for (int i = 0; i < 20; i++)
        {
            string location = schedule.GetLocation();
            Assert.Matches(shape, location);
            Assert.Equal(KeySchedule.LocationLength, location.Length);
            schedule.AppendToTranscript(TigressPlaintext.Create((ushort)i, RandomNumberGenerator.GetBytes(i * 10)).Encode());
        }
    }

    [Fact]
    public void GetLocation_CalledRepeatedly_DoesNotAdvance()
    {
        using var schedule = NewSchedule(TigressSuite.Default);

        string first = schedule.GetLocation();

        Assert.Equal(first, schedule.GetLocation());
        Assert.Equal(0, schedule.MessageIndex);
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void GetLocation_DifferentSecrets_GiveUnrelatedLocationsAndKeys(TigressSuiteId id)
    {
        // Without R nobody can find or read the messages: the same transcript under another R lands elsewhere.
        var suite = TigressSuite.FromId(id);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        byte[] transcript = TigressPlaintext.Create(0, "the same first message"u8).Encode();

        for (int i = 0; i < 100; i++)
        {
            using var schedule = NewSchedule(suite);
            Assert.True(seen.Add(schedule.GetLocation()));
            Assert.True(seen.Add(DeriveKeyHex(schedule)));

            schedule.AppendToTranscript(transcript);
            Assert.True(seen.Add(schedule.GetLocation()));
            Assert.True(seen.Add(DeriveKeyHex(schedule)));
        }
    }

    [Fact]
    public void GetLocation_SecretsDifferingInOneBit_Differ()
    {
        byte[] secret = Convert.FromHexString(DropboxKeyScheduleVectors.Secret);
        using var original = new KeySchedule(TigressSuite.Default, secret);

        for (int bit = 0; bit < secret.Length * 8; bit++)
        {
            byte[] flipped = (byte[])secret.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            using var other = new KeySchedule(TigressSuite.Default, flipped);

            Assert.NotEqual(original.GetLocation(), other.GetLocation());
            Assert.NotEqual(DeriveKeyHex(original), DeriveKeyHex(other));
        }
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void GetLocation_TranscriptsDifferingInOneByte_GiveDifferentLocationAndKey(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] secret = RandomNumberGenerator.GetBytes(DropboxInvitation.SecretLength);
        byte[] message = TigressPlaintext.Create(0, "message zero"u8).Encode();

        for (int position = 0; position < message.Length; position++)
        {
            byte[] altered = (byte[])message.Clone();
            altered[position] ^= 0x01;
            using var a = new KeySchedule(suite, secret);
            using var b = new KeySchedule(suite, secret);
            Assert.Equal(a.GetLocation(), b.GetLocation());

            a.AppendToTranscript(message);
            b.AppendToTranscript(altered);

            Assert.NotEqual(a.GetLocation(), b.GetLocation());
            Assert.NotEqual(DeriveKeyHex(a), DeriveKeyHex(b));
        }
    }

    [Fact]
    public void GetLocation_EachMessage_MovesToNewLocationAndKey()
    {
        using var schedule = NewSchedule(TigressSuite.Default);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 50; i++)
        {
            Assert.True(seen.Add(schedule.GetLocation()));
            Assert.True(seen.Add(DeriveKeyHex(schedule)));
            schedule.AppendToTranscript(TigressPlaintext.Create((ushort)i, "same"u8, 16).Encode());
        }
    }

    [Fact]
    public void DeriveKey_Always_DiffersFromLocationBytes()
    {
        // "Location" and "Key" are separate labels: the public location reveals nothing of the key.
        using var schedule = new KeySchedule(TigressSuite.Default, Convert.FromHexString(DropboxKeyScheduleVectors.Secret));
        byte[] location = new byte[32];
        byte[] key = new byte[32];

        schedule.DeriveLocation(location);
        schedule.DeriveKey(key);

        Assert.NotEqual(location, key);
        Assert.Equal(schedule.GetLocation(), Convert.ToBase64String(location).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    [Fact]
    public void AppendToTranscript_Incremental_MatchesHashOfConcatenation()
    {
        // Appending message by message must equal hashing T_i in one piece, which is what the vectors' script does.
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[][] messages = [.. Enumerable.Range(0, 5).Select(i => TigressPlaintext.Create((ushort)i, RandomNumberGenerator.GetBytes(100)).Encode())];
        using var incremental = new KeySchedule(TigressSuite.Aes256GcmSha384, secret);
        foreach (byte[] message in messages)
        {
            incremental.AppendToTranscript(message);
        }

        byte[] transcriptHash = SHA384.HashData(messages.SelectMany(m => m).ToArray());
        byte[] expected = new byte[32];
        TlsHkdf.ExpandLabel(HashAlgorithmName.SHA384, secret, "Location"u8, transcriptHash, expected);
        byte[] actual = new byte[32];
        incremental.DeriveLocation(actual);

        Assert.Equal(expected, actual);
        Assert.Equal(5, incremental.MessageIndex);
    }

    [Fact]
    public void DeriveKey_WrongLength_ThrowsArgumentException()
    {
        using var schedule = NewSchedule(TigressSuite.Aes256GcmSha384);

        var ex = Assert.Throws<ArgumentException>(() => schedule.DeriveKey(new byte[32]));

        Assert.Equal("key", ex.ParamName);
    }

    [Fact]
    public void Constructor_InvitationDisposedAfterwards_ScheduleKeepsWorking()
    {
        var invitation = DropboxInvitation.CreateWithSecret(s_base, TigressSuite.Default, Convert.FromHexString(DropboxKeyScheduleVectors.Secret));
        using var schedule = new KeySchedule(invitation);

        invitation.Dispose();

        Assert.Equal("jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIw", schedule.GetLocation());
    }

    [Fact]
    public void Constructor_DisposedInvitation_ThrowsObjectDisposedException()
    {
        var invitation = DropboxInvitation.Create(s_base);
        invitation.Dispose();

        Assert.Throws<ObjectDisposedException>(() => new KeySchedule(invitation));
    }

    [Fact]
    public void Constructor_NullInvitation_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new KeySchedule(null!));

        Assert.Equal("invitation", ex.ParamName);
    }

    [Fact]
    public void Dispose_Schedule_RefusesFurtherUse()
    {
        var schedule = NewSchedule(TigressSuite.Default);

        schedule.Dispose();
        schedule.Dispose();

        Assert.Throws<ObjectDisposedException>(() => schedule.GetLocation());
        Assert.Throws<ObjectDisposedException>(() => schedule.DeriveKey(new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => schedule.AppendToTranscript([1]));
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void SealNextOpenNext_PingPongExchange_BothSidesAgree(TigressSuiteId id)
    {
        using var invitation = DropboxInvitation.Create(s_base, TigressSuite.FromId(id));
        using var initiator = new KeySchedule(invitation);
        using var parsed = DropboxInvitation.Parse(invitation.RevealUrl());
        using var recipient = new KeySchedule(parsed);

        for (int i = 0; i < 6; i++)
        {
            (KeySchedule writer, KeySchedule reader) = i % 2 == 0 ? (initiator, recipient) : (recipient, initiator);
            byte[] content = Encoding.UTF8.GetBytes($"message {i}");

            string location = writer.GetLocation();
            byte[] body = writer.SealNext(TigressPlaintext.Create((ushort)i, content, i < 2 ? 16 : 0));
            Assert.Equal(location, reader.GetLocation());
            TigressPlaintext? received = reader.OpenNext(body);

            Assert.NotNull(received);
            Assert.Equal(i, received.MessageId);
            Assert.Equal(content, received.Message.ToArray());
            Assert.Equal(i + 1, writer.MessageIndex);
            Assert.Equal(i + 1, reader.MessageIndex);
        }
    }

    [Fact]
    public void SealNext_VectorSchedule_OpensUnderVectorKey()
    {
        using var schedule = new KeySchedule(TigressSuite.Default, Convert.FromHexString(DropboxKeyScheduleVectors.Secret));

        byte[] body = schedule.SealNext(VectorPlaintext(0));

        byte[]? opened = EncapsulatedMessage.Open(TigressSuite.Default, Convert.FromHexString("2d44da88fcb3980cbdce2c2b5fd6f7b75f0f46b12058bf7864f33afcae467c27"), body);
        Assert.Equal(DropboxEncapsulationVectors.Plaintext, Convert.ToHexStringLower(opened!));
        Assert.Equal("gB1e7jd3VteZD3CmiGCjPaYlgbo_PTUaPTwL-OGpPS4", schedule.GetLocation());
    }

    [Fact]
    public void OpenNext_TamperedBody_ReturnsNullAndStaysAtMessage()
    {
        (KeySchedule writer, KeySchedule reader) = NewPair();
        using (writer)
        using (reader)
        {
            byte[] body = writer.SealNext(TigressPlaintext.Create(0, "hello"u8));
            body[^1] ^= 1;

            Assert.Null(reader.OpenNext(body));
            Assert.Equal(0, reader.MessageIndex);
        }
    }

    [Fact]
    public void OpenNext_ReplayedEarlierMessage_ReturnsNull()
    {
        // A relay that serves message 0 again where message 2 belongs is caught: message 2 has another key.
        (KeySchedule writer, KeySchedule reader) = NewPair();
        using (writer)
        using (reader)
        {
            byte[] first = writer.SealNext(TigressPlaintext.Create(0, "zero"u8));
            Assert.NotNull(reader.OpenNext(first));
            Assert.NotNull(writer.OpenNext(reader.SealNext(TigressPlaintext.Create(1, "one"u8))));

            Assert.Null(reader.OpenNext(first));
        }
    }

    [Fact]
    public void OpenNext_ReflectedOwnMessage_ReturnsNull()
    {
        // The initiator's message 0 returned to it as the recipient's message 1 does not open.
        (KeySchedule writer, KeySchedule reader) = NewPair();
        using (writer)
        using (reader)
        {
            byte[] first = writer.SealNext(TigressPlaintext.Create(0, "zero"u8));

            Assert.Null(writer.OpenNext(first));
        }
    }

    [Fact]
    public void OpenNext_WrongMessageId_ThrowsDecryptionFailed()
    {
        (KeySchedule writer, KeySchedule reader) = NewPair();
        using (writer)
        using (reader)
        {
            byte[] body = SealRaw(writer, TigressPlaintext.Create(2, "out of order"u8).Encode());

            var ex = Assert.Throws<TigressProtocolException>(() => reader.OpenNext(body));

            Assert.Equal(ProtocolErrorCodes.DecryptionFailed, ex.ErrorCode);
            Assert.Equal(0, reader.MessageIndex);
        }
    }

    [Fact]
    public void OpenNext_FirstMessageWithFewRandomBytes_ThrowsMalformedMessage()
    {
        (KeySchedule writer, KeySchedule reader) = NewPair();
        using (writer)
        using (reader)
        {
            byte[] body = SealRaw(writer, TigressPlaintext.CreateWithRandom(new byte[15], 0, "hello"u8).Encode());

            var ex = Assert.Throws<TigressProtocolException>(() => reader.OpenNext(body));

            Assert.Equal(ProtocolErrorCodes.MalformedMessage, ex.ErrorCode);
        }
    }

    [Fact]
    public void OpenNext_AuthenticButNotAPlaintext_ThrowsMalformedMessage()
    {
        (KeySchedule writer, KeySchedule reader) = NewPair();
        using (writer)
        using (reader)
        {
            byte[] body = SealRaw(writer, [.. TigressPlaintext.Create(0, "hello"u8).Encode(), 0]);

            var ex = Assert.Throws<TigressProtocolException>(() => reader.OpenNext(body));

            Assert.Equal(ProtocolErrorCodes.MalformedMessage, ex.ErrorCode);
        }
    }

    [Fact]
    public void SealNext_IdOtherThanIndex_ThrowsArgumentException()
    {
        using var schedule = NewSchedule(TigressSuite.Default);

        var ex = Assert.Throws<ArgumentException>(() => schedule.SealNext(TigressPlaintext.Create(1, "x"u8)));

        Assert.Equal("plaintext", ex.ParamName);
        Assert.Equal(0, schedule.MessageIndex);
    }

    [Fact]
    public void SealNext_FirstMessageWithFewRandomBytes_ThrowsArgumentException()
    {
        using var schedule = NewSchedule(TigressSuite.Default);

        var ex = Assert.Throws<ArgumentException>(() => schedule.SealNext(TigressPlaintext.CreateWithRandom(new byte[8], 0, "x"u8)));

        Assert.Equal("plaintext", ex.ParamName);
    }

    internal static TigressPlaintext VectorPlaintext(int index)
    {
        (string random, ushort messageId, string message) = DropboxKeyScheduleVectors.Plaintexts[index];
        return TigressPlaintext.CreateWithRandom(Convert.FromHexString(random), messageId, Encoding.ASCII.GetBytes(message));
    }

    private static KeySchedule NewSchedule(TigressSuite suite)
    {
        using var invitation = DropboxInvitation.Create(s_base, suite);
        return new KeySchedule(invitation);
    }

    private static (KeySchedule Writer, KeySchedule Reader) NewPair()
    {
        using var invitation = DropboxInvitation.Create(s_base);
        return (new KeySchedule(invitation), new KeySchedule(invitation));
    }

    private static byte[] SealRaw(KeySchedule schedule, byte[] encoded)
    {
        // Bypasses SealNext's checks, as a misbehaving peer would.
        byte[] key = new byte[schedule.Suite.HashLength];
        schedule.DeriveKey(key);
        return EncapsulatedMessage.Seal(schedule.Suite, key, encoded);
    }

    private static string DeriveKeyHex(KeySchedule schedule)
    {
        byte[] key = new byte[schedule.Suite.HashLength];
        schedule.DeriveKey(key);
        return Convert.ToHexStringLower(key);
    }
}
