using System.Security.Cryptography;
using Tigress.Relay.Storage;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// The relay-assisted PIN's part of the contract (docs/protocol.md section 12.6). The store never needs the OPRF: the
/// key, the verifier and the proofs here are raw 32-byte values, and a proof is right when its SHA-256 is the verifier.
/// </summary>
public abstract partial class MailboxStoreContractTests
{
    [Fact]
    public async Task Pin_ReadWithoutProof_IsPinRequiredAndChangesNothing()
    {
        var pin = await CreatePinAsync(guesses: 3);
        var stranger = NewClaim();

        var read = await Store.ReadAsync(Read(pin.Id, stranger), default);
        var key = await Store.ReadPinKeyAsync(pin.Id, stranger, s_now, default);
        var events = await Store.ReadEventsAsync(pin.Id, pin.Initiator, 0, s_now, default);
        var proved = await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = pin.Proof }, default);

        Assert.Equal(MailboxStatus.PinRequired, read.Status);
        Assert.Equal(3, key.GuessesLeft);
        Assert.Empty(events.Events);
        Assert.True(proved.NewlyBound); // Nothing was bound by the read without a proof.
    }

    [Fact]
    public async Task Pin_WrongProofs_AreCountedExactly()
    {
        var pin = await CreatePinAsync(guesses: 3);

        var first = await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var second = await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var key = await Store.ReadPinKeyAsync(pin.Id, NewClaim(), s_now, default);

        Assert.Equal((MailboxStatus.WrongPin, 2, false), (first.Status, first.GuessesLeft, first.Replayed));
        Assert.Equal((MailboxStatus.WrongPin, 1, false), (second.Status, second.GuessesLeft, second.Replayed));
        Assert.Equal(s_now.AddHours(1), first.ExpiresAt);
        Assert.Equal((MailboxStatus.Ok, 1), (key.Status, key.GuessesLeft));
        Assert.Equal(pin.Key, key.OprfKey);
    }

    [Fact]
    public async Task Pin_RightProofAfterAWrongOne_BindsAndTheRecipientReadsWithoutProof()
    {
        var pin = await CreatePinAsync(guesses: 3);
        var recipient = NewClaim();

        var wrong = await Store.ReadAsync(Read(pin.Id, recipient) with { PinProof = WrongProof() }, default);
        var right = await Store.ReadAsync(Read(pin.Id, recipient) with { PinProof = pin.Proof }, default);
        var plain = await Store.ReadAsync(Read(pin.Id, recipient), default);
        var ignored = await Store.ReadAsync(Read(pin.Id, recipient) with { PinProof = WrongProof() }, default);
        var initiator = await Store.ReadAsync(Read(pin.Id, pin.Initiator) with { PinProof = WrongProof() }, default);
        var key = await Store.ReadPinKeyAsync(pin.Id, recipient, s_now, default);

        Assert.Equal(MailboxStatus.WrongPin, wrong.Status);
        Assert.Equal(MailboxStatus.Ok, right.Status);
        Assert.True(right.NewlyBound);
        Assert.Equal(pin.Message.Data, right.OtherPayload!.Data);
        Assert.Equal(MailboxStatus.Ok, plain.Status);
        Assert.Equal(MailboxStatus.Ok, ignored.Status);
        Assert.Equal((MailboxStatus.Ok, MailboxRole.Initiator), (initiator.Status, initiator.Role));
        Assert.Equal(2, key.GuessesLeft); // Not refunded by the right proof, not spent by the proofs that were ignored.
    }

    [Fact]
    public async Task Pin_LastWrongProof_LocksTheMailboxForEveryoneButTheInitiator()
    {
        var pin = await CreatePinAsync(guesses: 2);
        var recipient = NewClaim();

        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var last = await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var right = await Store.ReadAsync(Read(pin.Id, recipient) with { PinProof = pin.Proof }, default);
        var bare = await Store.ReadAsync(Read(pin.Id, recipient), default);
        var wrong = await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var key = await Store.ReadPinKeyAsync(pin.Id, recipient, s_now, default);
        var initiatorKey = await Store.ReadPinKeyAsync(pin.Id, pin.Initiator, s_now, default);
        var initiator = await Store.ReadAsync(Read(pin.Id, pin.Initiator), default);
        var preview = await Store.GetPreviewAsync(pin.Id, s_now, default);
        var deleted = await Store.DeleteAsync(pin.Id, pin.Initiator, s_now, Record(pin.Initiator, MailboxOperation.Delete), default);

        Assert.Equal((MailboxStatus.WrongPin, 0), (last.Status, last.GuessesLeft));
        Assert.Equal(MailboxStatus.PinLocked, right.Status);
        Assert.Equal(MailboxStatus.PinLocked, bare.Status);
        Assert.Equal(MailboxStatus.PinLocked, wrong.Status);
        Assert.Equal(MailboxStatus.PinLocked, key.Status);
        Assert.Null(key.OprfKey);
        Assert.Equal(MailboxStatus.PinLocked, initiatorKey.Status);
        Assert.Equal((MailboxStatus.Ok, MailboxRole.Initiator), (initiator.Status, initiator.Role));
        Assert.NotNull(preview);
        Assert.Equal(MailboxStatus.Ok, deleted.Status);
    }

    [Fact]
    public async Task Pin_InitiatorsEvents_ShowEachFailedProofWithItsGuessesLeft()
    {
        var pin = await CreatePinAsync(guesses: 3);
        using var watch = Store.Watch(pin.Id);

        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(10));
        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = pin.Proof }, default);
        var events = await Store.ReadEventsAsync(pin.Id, pin.Initiator, 0, s_now, default);
        var later = await Store.ReadEventsAsync(pin.Id, pin.Initiator, 1, s_now, default);

        Assert.Equal(
            [
                new MailboxEvent(1, MailboxEventKind.PinFailed, MailboxRole.Recipient) { GuessesLeft = 2 },
                new MailboxEvent(2, MailboxEventKind.PinFailed, MailboxRole.Recipient) { GuessesLeft = 1 },
                new MailboxEvent(3, MailboxEventKind.Claimed, MailboxRole.Recipient),
            ],
            events.Events);
        Assert.Equal(1, later.Events[0].GuessesLeft);
    }

    [Fact]
    public async Task Pin_RepeatOfAWrongProofRead_IsAnsweredTheSameAndSpendsNothing()
    {
        var pin = await CreatePinAsync(guesses: 3);
        var claim = NewClaim();
        var guess = Read(pin.Id, claim) with { PinProof = WrongProof(), Fingerprint = RequestRecord.FingerprintOf("a"u8) };

        var first = await Store.ReadAsync(guess, default);
        var again = await Store.ReadAsync(guess, default);
        var otherBody = await Store.ReadAsync(guess with { Fingerprint = RequestRecord.FingerprintOf("b"u8) }, default);
        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var afterAnother = await Store.ReadAsync(guess, default);
        var key = await Store.ReadPinKeyAsync(pin.Id, claim, s_now, default);
        var events = await Store.ReadEventsAsync(pin.Id, pin.Initiator, 0, s_now, default);

        Assert.Equal((MailboxStatus.WrongPin, 2, false), (first.Status, first.GuessesLeft, first.Replayed));
        Assert.Equal((MailboxStatus.WrongPin, 2, true), (again.Status, again.GuessesLeft, again.Replayed));
        Assert.Equal(MailboxStatus.RequestIdConflict, otherBody.Status);
        Assert.Equal((MailboxStatus.WrongPin, 2, true), (afterAnother.Status, afterAnother.GuessesLeft, afterAnother.Replayed));
        Assert.Equal(1, key.GuessesLeft);
        Assert.Equal(2, events.Events.Count);
    }

    [Fact]
    public async Task Pin_RecordOfAWrongProof_GoesWithTheMailbox()
    {
        var pin = await CreatePinAsync(guesses: 3);
        var guess = Read(pin.Id, NewClaim()) with { PinProof = WrongProof() };
        await Store.ReadAsync(guess, default);

        await Store.DeleteAsync(pin.Id, pin.Initiator, s_now, Record(pin.Initiator, MailboxOperation.Delete), default);
        var again = await Store.ReadAsync(guess, default);

        Assert.Equal(MailboxStatus.NotFound, again.Status);
    }

    [Fact]
    public async Task Pin_ConcurrentWrongProofs_SpendExactlyTheGuessesAndTheRestFindItLocked()
    {
        for (var round = 0; round < 3; round++)
        {
            var pin = await CreatePinAsync(guesses: 3);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reads = Enumerable.Range(0, 16).Select(async _ =>
            {
                await gate.Task;
                return await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
            }).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(reads);

            Assert.Equal([0, 1, 2], results.Where(r => r.Status == MailboxStatus.WrongPin).Select(r => r.GuessesLeft).Order());
            Assert.Equal(13, results.Count(r => r.Status == MailboxStatus.PinLocked));
            var events = await Store.ReadEventsAsync(pin.Id, pin.Initiator, 0, s_now, default);
            Assert.Equal([2, 1, 0], events.Events.Select(e => e.GuessesLeft ?? -1));
        }
    }

    [Fact]
    public async Task Pin_ConcurrentRightProofs_ExactlyOneBinds()
    {
        for (var round = 0; round < 3; round++)
        {
            var pin = await CreatePinAsync(guesses: 3);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reads = Enumerable.Range(0, 16).Select(async _ =>
            {
                await gate.Task;
                return await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = pin.Proof }, default);
            }).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(reads);

            Assert.Single(results, r => r is { Status: MailboxStatus.Ok, NewlyBound: true });
            Assert.Equal(15, results.Count(r => r.Status == MailboxStatus.WrongClaim));
            Assert.Equal(3, (await Store.ReadPinKeyAsync(pin.Id, pin.Initiator, s_now, default)).GuessesLeft);
        }
    }

    [Fact]
    public async Task Pin_BoundRecipient_LeavesOtherClaimsWrongWithoutSpendingAGuess()
    {
        var pin = await CreatePinAsync(guesses: 3);
        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = pin.Proof }, default);
        var stranger = NewClaim();

        var wrong = await Store.ReadAsync(Read(pin.Id, stranger) with { PinProof = WrongProof() }, default);
        var key = await Store.ReadPinKeyAsync(pin.Id, stranger, s_now, default);

        Assert.Equal(MailboxStatus.WrongClaim, wrong.Status);
        Assert.Equal(MailboxStatus.WrongClaim, key.Status);
        Assert.Equal(3, (await Store.ReadPinKeyAsync(pin.Id, pin.Initiator, s_now, default)).GuessesLeft);
    }

    [Fact]
    public async Task Pin_AfterARelinquish_TheNextClaimMustProveAgain()
    {
        var pin = await CreatePinAsync(guesses: 3);
        var first = NewClaim();
        await Store.ReadAsync(Read(pin.Id, first) with { PinProof = pin.Proof }, default);
        await Store.RelinquishAsync(pin.Id, first, s_now, Record(first, MailboxOperation.Relinquish), default);
        var second = NewClaim();

        var bare = await Store.ReadAsync(Read(pin.Id, second), default);
        var proved = await Store.ReadAsync(Read(pin.Id, second) with { PinProof = pin.Proof }, default);

        Assert.Equal(MailboxStatus.PinRequired, bare.Status);
        Assert.True(proved.NewlyBound);
    }

    [Fact]
    public async Task Pin_RecipientWithoutReadRight_IsRefusedWithoutSpendingAGuess()
    {
        var pin = await CreatePinAsync(guesses: 3, rights: MailboxAccessRights.Delete);

        var read = await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);

        Assert.Equal(MailboxStatus.MissingRight, read.Status);
        Assert.Equal(3, (await Store.ReadPinKeyAsync(pin.Id, pin.Initiator, s_now, default)).GuessesLeft);
    }

    [Fact]
    public async Task Pin_ReadPinKey_WithoutAPinOrAMailbox_SaysSo()
    {
        var (plain, initiator) = await CreateAsync();

        Assert.Equal(MailboxStatus.NotPinProtected, (await Store.ReadPinKeyAsync(plain, initiator, s_now, default)).Status);
        Assert.Equal(MailboxStatus.NotFound, (await Store.ReadPinKeyAsync(Guid.NewGuid(), initiator, s_now, default)).Status);
        var pin = await CreatePinAsync(guesses: 1, ttl: TimeSpan.FromMinutes(1));
        Assert.Equal(MailboxStatus.NotFound, (await Store.ReadPinKeyAsync(pin.Id, pin.Initiator, s_now.AddMinutes(1), default)).Status);
    }

    [Fact]
    public async Task Pin_MailboxWithoutAPin_IgnoresAProof()
    {
        var (id, _) = await CreateAsync();

        var read = await Store.ReadAsync(Read(id, NewClaim()) with { PinProof = WrongProof() }, default);

        Assert.True(read.NewlyBound);
    }

    protected async Task<PinMailbox> CreatePinAsync(int guesses, MailboxAccessRights rights = MailboxAccessRights.Read | MailboxAccessRights.Delete, TimeSpan? ttl = null)
    {
        var initiator = NewClaim();
        var key = RandomNumberGenerator.GetBytes(MailboxPinProtection.KeyLength);
        var proof = RandomNumberGenerator.GetBytes(MailboxPinProtection.VerifierLength);
        var message = Payload();
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, rights, s_now + (ttl ?? TimeSpan.FromHours(1)), "{\"title\":\"t\"}"u8.ToArray(), message, null)
        {
            PinProtection = new MailboxPinProtection(key, SHA256.HashData(proof), guesses),
        };
        Assert.Equal(MailboxStatus.Ok, (await Store.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default)).Status);
        return new PinMailbox(mailbox.Id, initiator, key, proof, message);
    }

    protected static byte[] WrongProof() => RandomNumberGenerator.GetBytes(MailboxPinProtection.VerifierLength);

    /// <summary>A mailbox with a relay-assisted PIN, and the proof that opens it.</summary>
    protected sealed record PinMailbox(Guid Id, ClaimHash Initiator, byte[] Key, byte[] Proof, StoredPayload Message);
}
