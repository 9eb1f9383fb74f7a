using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Pake.Messages;

namespace Tigress.Protocol.Tests.Pake;

/// <summary>The PIN exchange between <see cref="PinInitiator"/> and <see cref="PinRecipient"/>, as the two devices run it.</summary>
public sealed class PinHandshakeTests
{
    private static readonly PinBinding s_mailbox = PinBinding.ForMailbox("0f5e8a0e-3c1b-4c7e-9d55-6a1d2b9e7f10");

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void Run_RightPin_BothMatchAndDeriveTheSameSessionKey(int secretLength)
    {
        byte[] secret = RandomNumberGenerator.GetBytes(secretLength);
        string pin = Pin.Generate();
        using var initiator = PinInitiator.Create(pin, secret);
        using var recipient = PinRecipient.Create(pin, secret, s_mailbox);

        var answer = recipient.Answer(initiator.CreateStartMessage());
        Assert.True(initiator.TryAccept(answer, s_mailbox));
        var confirm = initiator.CreateConfirmMessage([1, 2, 3]);
        Assert.True(recipient.TryConfirm(confirm));

        byte[] initiatorKey = initiator.DeriveSessionKey(secret, secretLength);
        byte[] recipientKey = recipient.DeriveSessionKey(secret, secretLength);
        Assert.Equal(initiatorKey, recipientKey);
        Assert.NotEqual(secret, initiatorKey);
        Assert.True(initiator.IsMatched);
        Assert.True(recipient.IsMatched);
        Assert.Equal([1, 2, 3], confirm.SealedContent.ToArray());
    }

    [Fact]
    public void Run_RightPin_SessionCiphersOpenEachOthersMessages()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        var (initiator, recipient) = Matched(secret, "482915", "482915");
        using (initiator)
        using (recipient)
        using (var sealing = initiator.CreateSessionCipher(secret))
        using (var opening = recipient.CreateSessionCipher(secret))
        {
            byte[] sealedMessage = sealing.Seal(PayloadDirection.InitiatorToRecipient, 1, "the credential"u8);

            Assert.True(opening.TryOpen(PayloadDirection.InitiatorToRecipient, 1, sealedMessage, out byte[]? plaintext));
            Assert.Equal("the credential"u8.ToArray(), plaintext);
            Assert.Equal(initiator.DeriveSessionKey(secret, PinSessionCipher.KeyLength), sealing.ExportKey());
        }
    }

    [Fact]
    public void CreateSessionCipher_OtherSecret_CannotOpen()
    {
        // The session key needs the invitation secret as well as Ke.
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        var (initiator, recipient) = Matched(secret, "482915", "482915");
        using (initiator)
        using (recipient)
        using (var sealing = initiator.CreateSessionCipher(secret))
        using (var wrong = recipient.CreateSessionCipher(RandomNumberGenerator.GetBytes(16)))
        {
            Assert.False(wrong.TryOpen(PayloadDirection.InitiatorToRecipient, 1, sealing.Seal(PayloadDirection.InitiatorToRecipient, 1, "x"u8), out _));
        }
    }

    [Fact]
    public void TryAccept_WrongPin_FailsForGoodWithoutAConfirmationOrKey()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("135790", secret);
        using var guesser = PinRecipient.Create("135791", secret, s_mailbox);
        using var rightful = PinRecipient.Create("135790", secret, s_mailbox);
        var start = initiator.CreateStartMessage();

        Assert.False(initiator.TryAccept(guesser.Answer(start), s_mailbox));

        // One guess per share: not even the right PIN is checked afterwards, and nothing remains to resume from.
        Assert.True(initiator.IsFailed);
        Assert.Throws<InvalidOperationException>(() => initiator.TryAccept(rightful.Answer(start), s_mailbox));
        Assert.Throws<InvalidOperationException>(() => initiator.Export());
        Assert.Throws<InvalidOperationException>(() => initiator.CreateConfirmMessage([1]));
        Assert.Throws<InvalidOperationException>(() => initiator.DeriveSessionKey(secret, 16));
    }

    [Fact]
    public void TryConfirm_AfterWrongPin_RecipientCannotVerifyAnyConfirmation()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("246802", secret);
        using var recipient = PinRecipient.Create("246803", secret, s_mailbox);
        recipient.Answer(initiator.CreateStartMessage());

        // Even a confirmation made honestly from another run with the right PIN is rejected.
        var (other, _) = Matched(secret, "246802", "246802");
        using (other)
        {
            Assert.False(recipient.TryConfirm(other.CreateConfirmMessage([9])));
        }

        Assert.True(recipient.IsFailed);
        Assert.Throws<InvalidOperationException>(() => recipient.DeriveSessionKey(secret, 16));
        Assert.Throws<InvalidOperationException>(() => recipient.Export());
    }

    [Fact]
    public void TryAccept_AnswerToAnotherRunsStart_DoesNotVerify()
    {
        // Same PIN, same secret, same mailbox: only the ephemeral scalars differ between the two runs.
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var first = PinInitiator.Create("112233", secret);
        using var second = PinInitiator.Create("112233", secret);
        using var recipient = PinRecipient.Create("112233", secret, s_mailbox);

        var answerToSecond = recipient.Answer(second.CreateStartMessage());

        Assert.False(first.TryAccept(answerToSecond, s_mailbox));
    }

    [Fact]
    public void TryConfirm_ConfirmationFromAnotherRun_DoesNotVerify()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        var (otherInitiator, otherRecipient) = Matched(secret, "556677", "556677");
        using var initiator = PinInitiator.Create("556677", secret);
        using var recipient = PinRecipient.Create("556677", secret, s_mailbox);
        Assert.True(initiator.TryAccept(recipient.Answer(initiator.CreateStartMessage()), s_mailbox));

        using (otherInitiator)
        using (otherRecipient)
        {
            Assert.False(recipient.TryConfirm(otherInitiator.CreateConfirmMessage([1])));
        }
    }

    [Fact]
    public void TryAccept_StartReplayedIntoAnotherMailbox_DoesNotVerify()
    {
        // The relay copies message 0 of one mailbox into another; the recipient there answers for its own mailbox.
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        var elsewhere = PinBinding.ForMailbox("7d2f0c4e-1b8a-4f3e-8c6d-5e4f3a2b1c0d");
        using var initiator = PinInitiator.Create("909090", secret);
        using var recipient = PinRecipient.Create("909090", secret, elsewhere);

        var answer = recipient.Answer(initiator.CreateStartMessage());

        Assert.False(initiator.TryAccept(answer, s_mailbox));
    }

    [Fact]
    public void TryAccept_OtherInvitationSecret_DoesNotVerify()
    {
        using var initiator = PinInitiator.Create("314159", RandomNumberGenerator.GetBytes(32));
        using var recipient = PinRecipient.Create("314159", RandomNumberGenerator.GetBytes(32), s_mailbox);

        Assert.False(initiator.TryAccept(recipient.Answer(initiator.CreateStartMessage()), s_mailbox));
    }

    [Fact]
    public void TryAccept_ShareNotOnTheCurve_ThrowsProtocolExceptionAndFailsForGood()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("777777", secret);
        byte[] notAPoint = new byte[Spake2.ShareLength];
        notAPoint[0] = 0x04;
        notAPoint[^1] = 0x07;

        var ex = Assert.Throws<TigressProtocolException>(() => initiator.TryAccept(new PinAnswerMessage(notAPoint, new byte[Spake2.ConfirmationLength]), s_mailbox));

        Assert.Equal(PakeErrorCodes.InvalidShare, ex.ErrorCode);
        Assert.True(initiator.IsFailed);
    }

    [Fact]
    public void Answer_ShareNotOnTheCurve_ThrowsProtocolExceptionAndFails()
    {
        using var recipient = PinRecipient.Create("777777", RandomNumberGenerator.GetBytes(16), s_mailbox);
        byte[] notAPoint = new byte[Spake2.ShareLength];
        notAPoint[0] = 0x04;

        Assert.Throws<TigressProtocolException>(() => recipient.Answer(new PinStartMessage(notAPoint)));
        Assert.True(recipient.IsFailed);
    }

    [Fact]
    public void Answer_Twice_Throws()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("101010", secret);
        using var recipient = PinRecipient.Create("101010", secret, s_mailbox);
        recipient.Answer(initiator.CreateStartMessage());

        Assert.Throws<InvalidOperationException>(() => recipient.Answer(initiator.CreateStartMessage()));
    }

    [Fact]
    public void CreateStartMessage_AskedTwice_SameShareAndFreshAcrossRuns()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("123123", secret);
        using var other = PinInitiator.Create("123123", secret);

        Assert.Equal(initiator.CreateStartMessage().Share.ToArray(), initiator.CreateStartMessage().Share.ToArray());
        Assert.NotEqual(initiator.CreateStartMessage().Share.ToArray(), other.CreateStartMessage().Share.ToArray());
    }

    // Storing and resuming.

    [Fact]
    public void ExportImport_BothSidesBetweenEveryMessage_StillMatch()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] initiatorState;
        byte[] startShare;
        using (var initiator = PinInitiator.Create("864209", secret))
        {
            initiatorState = initiator.Export();
            startShare = initiator.CreateStartMessage().Share.ToArray();
        }

        byte[] recipientState;
        using (var recipient = PinRecipient.Create("864209", secret, s_mailbox))
        {
            recipientState = recipient.Export();
        }

        PinAnswerMessage answer;
        using (var recipient = PinRecipient.Import(recipientState, s_mailbox))
        {
            answer = recipient.Answer(new PinStartMessage(startShare));
            recipientState = recipient.Export();
        }

        using var resumedInitiator = PinInitiator.Import(initiatorState);
        Assert.Equal(startShare, resumedInitiator.CreateStartMessage().Share.ToArray());
        Assert.True(resumedInitiator.TryAccept(answer, s_mailbox));
        using var resumedRecipient = PinRecipient.Import(recipientState, s_mailbox);
        Assert.True(resumedRecipient.IsAwaitingConfirmation);
        Assert.True(resumedRecipient.TryConfirm(resumedInitiator.CreateConfirmMessage([5])));
        Assert.Equal(resumedInitiator.DeriveSessionKey(secret, 32), resumedRecipient.DeriveSessionKey(secret, 32));
    }

    [Fact]
    public void Import_RecipientStateUnderAnotherBinding_DoesNotMatch()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("246135", secret);
        byte[] state;
        using (var recipient = PinRecipient.Create("246135", secret, s_mailbox))
        {
            Assert.True(initiator.TryAccept(recipient.Answer(initiator.CreateStartMessage()), s_mailbox));
            state = recipient.Export();
        }

        using var moved = PinRecipient.Import(state, PinBinding.ForMailbox("somewhere-else"));

        Assert.False(moved.TryConfirm(initiator.CreateConfirmMessage([1])));
    }

    [Fact]
    public void TryImport_WrongSideVersionOrLength_ReturnsFalse()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("999000", secret);
        using var recipient = PinRecipient.Create("999000", secret, s_mailbox);
        byte[] initiatorState = initiator.Export();
        byte[] recipientState = recipient.Export();
        byte[] otherVersion = (byte[])initiatorState.Clone();
        otherVersion[0] = 2;

        Assert.False(PinRecipient.TryImport(initiatorState, s_mailbox, out _));
        Assert.False(PinInitiator.TryImport(recipientState, out _));
        Assert.False(PinInitiator.TryImport(otherVersion, out _));
        Assert.False(PinInitiator.TryImport(initiatorState[..^1], out _));
        Assert.False(PinInitiator.TryImport([], out _));
        Assert.False(PinInitiator.TryImport(new byte[PinInitiator.ExportLength], out _));
        var ex = Assert.Throws<ArgumentException>(() => PinInitiator.Import(recipientState));
        Assert.Equal("state", ex.ParamName);
    }

    [Fact]
    public void Create_PinNotInNormalForm_ThrowsArgumentExceptionNamingPin()
    {
        var ex = Assert.Throws<ArgumentException>(() => PinInitiator.Create("12 34 56", new byte[16]));

        Assert.Equal("pin", ex.ParamName);
        Assert.DoesNotContain("12 34 56", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsKeyMaterial()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        var (initiator, recipient) = Matched(secret, "424242", "424242");
        using (initiator)
        using (recipient)
        {
            string key = Convert.ToHexString(initiator.DeriveSessionKey(secret, 16));

            Assert.Equal("PIN exchange (initiator), PIN matched", initiator.ToString());
            Assert.Equal("PIN exchange (recipient), PIN matched", recipient.ToString());
            Assert.DoesNotContain(key, initiator.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static (PinInitiator Initiator, PinRecipient Recipient) Matched(byte[] secret, string initiatorPin, string recipientPin)
    {
        var initiator = PinInitiator.Create(initiatorPin, secret);
        var recipient = PinRecipient.Create(recipientPin, secret, s_mailbox);
        Assert.True(initiator.TryAccept(recipient.Answer(initiator.CreateStartMessage()), s_mailbox));
        Assert.True(recipient.TryConfirm(initiator.CreateConfirmMessage([0])));
        return (initiator, recipient);
    }
}
