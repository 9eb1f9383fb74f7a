using System.Security.Cryptography;
using Tigress.Relay.Storage;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// The contract every <see cref="IMailboxStore"/> keeps, written once; each store runs it by deriving a class that
/// says how to make a fresh, empty store.
/// </summary>
public abstract partial class MailboxStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    protected IMailboxStore Store { get; private set; } = null!;

    protected abstract Task<IMailboxStore> CreateStoreAsync();

    protected abstract Task DestroyStoreAsync(IMailboxStore store);

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DestroyStoreAsync(Store);

    [Fact]
    public async Task Read_NewClaimOnUnboundMailbox_BindsItOnce()
    {
        var (id, _) = await CreateAsync();
        var recipient = NewClaim();

        var first = await Store.ReadAsync(Read(id, recipient), default);
        var second = await Store.ReadAsync(Read(id, recipient), default);
        var stranger = await Store.ReadAsync(Read(id, NewClaim()), default);

        Assert.Equal(MailboxStatus.Ok, first.Status);
        Assert.True(first.NewlyBound);
        Assert.Equal(MailboxRole.Recipient, first.Role);
        Assert.NotNull(first.OtherPayload);
        Assert.False(second.NewlyBound);
        Assert.Equal(MailboxStatus.WrongClaim, stranger.Status);
    }

    [Fact]
    public async Task Read_InitiatorClaim_IsNeverBoundAsRecipient()
    {
        var (id, initiator) = await CreateAsync();

        var read = await Store.ReadAsync(Read(id, initiator), default);
        var claim = await Store.ReadAsync(Read(id, NewClaim()), default);

        Assert.Equal(MailboxRole.Initiator, read.Role);
        Assert.Null(read.OtherPayload);
        Assert.True(claim.NewlyBound);
    }

    [Fact]
    public async Task Read_ConcurrentNewClaims_ExactlyOneBinds()
    {
        for (var round = 0; round < 10; round++)
        {
            var (id, _) = await CreateAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reads = Enumerable.Range(0, 32).Select(async _ =>
            {
                await gate.Task;
                return await Store.ReadAsync(Read(id, NewClaim()), default);
            }).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(reads);

            Assert.Single(results, r => r.Status == MailboxStatus.Ok);
            Assert.Equal(31, results.Count(r => r.Status == MailboxStatus.WrongClaim));
        }
    }

    [Fact]
    public async Task Read_AtOrAfterExpiry_IsNotFoundEvenBeforeASweep()
    {
        var (id, initiator) = await CreateAsync(ttl: TimeSpan.FromMinutes(5));
        var expiry = s_now.AddMinutes(5);

        Assert.Equal(MailboxStatus.Ok, (await Store.ReadAsync(Read(id, NewClaim(), expiry.AddMilliseconds(-1)), default)).Status);
        Assert.Equal(MailboxStatus.NotFound, (await Store.ReadAsync(Read(id, initiator, expiry), default)).Status);
        Assert.Null(await Store.GetPreviewAsync(id, expiry, default));
        Assert.Equal(MailboxStatus.NotFound, (await Store.UpdateAsync(Update(id, initiator, expiry), Record(initiator, MailboxOperation.Update), default)).Status);
        Assert.Equal(MailboxStatus.NotFound, (await Store.DeleteAsync(id, initiator, expiry, Record(initiator, MailboxOperation.Delete), default)).Status);
    }

    [Fact]
    public async Task Update_EachSideWritesItsOwnSlot_SequencesCount()
    {
        var (id, initiator) = await CreateAsync(rights: MailboxAccessRights.Read | MailboxAccessRights.Write);
        var recipient = NewClaim();
        await Store.ReadAsync(Read(id, recipient), default);

        var answer = Payload();
        await Store.UpdateAsync(Update(id, recipient, s_now) with { Payload = answer }, Record(recipient, MailboxOperation.Update), default);
        await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
        var initiatorView = await Store.ReadAsync(Read(id, initiator), default);
        var recipientView = await Store.ReadAsync(Read(id, recipient), default);

        Assert.Equal(answer.Data, initiatorView.OtherPayload!.Data);
        Assert.Equal(1, initiatorView.OtherSequence);
        Assert.Equal(2, recipientView.OtherSequence);
    }

    [Fact]
    public async Task Update_RepeatedRequest_IsReplayedNotWrittenAgain()
    {
        var (id, initiator) = await CreateAsync();
        var record = Record(initiator, MailboxOperation.Update, [1, 2, 3]);

        var first = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record, default);
        var again = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record, default);
        var view = await Store.ReadAsync(Read(id, NewClaim()), default);

        Assert.Equal(MailboxStatus.Ok, first.Status);
        Assert.Equal(MailboxStatus.Replayed, again.Status);
        Assert.Equal(new byte[] { 1, 2, 3 }, again.Replay!.Body);
        Assert.Equal(2, view.OtherSequence);
    }

    [Fact]
    public async Task Update_SameRequestIdWithAnotherBody_IsAConflictAndChangesNothing()
    {
        var (id, initiator) = await CreateAsync();
        var record = Record(initiator, MailboxOperation.Update, [1]) with { Fingerprint = RequestRecord.FingerprintOf("a"u8) };
        await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record, default);

        var other = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record with { Fingerprint = RequestRecord.FingerprintOf("b"u8) }, default);
        var delete = await Store.DeleteAsync(id, initiator, s_now, record with { Operation = MailboxOperation.Delete }, default);
        var view = await Store.ReadAsync(Read(id, NewClaim()), default);

        Assert.Equal(MailboxStatus.RequestIdConflict, other.Status);
        Assert.Equal(MailboxStatus.RequestIdConflict, delete.Status);
        Assert.Equal(2, view.OtherSequence);
    }

    [Fact]
    public async Task Requests_SameIdForAnotherMailbox_AreAConflictAndChangeNothing()
    {
        var (first, initiator) = await CreateAsync();
        var second = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read | MailboxAccessRights.Delete, s_now + TimeSpan.FromHours(1), "{}"u8.ToArray(), Payload(), null);
        Assert.Equal(MailboxStatus.Ok, (await Store.CreateAsync(second, Record(initiator, MailboxOperation.Create), default)).Status);
        var update = Record(initiator, MailboxOperation.Update, [1]);
        Assert.Equal(MailboxStatus.Ok, (await Store.UpdateAsync(Update(first, initiator, s_now) with { Payload = Payload() }, update, default)).Status);
        var recipient = NewClaim();
        var claiming = Read(first, recipient);
        Assert.True((await Store.ReadAsync(claiming, default)).NewlyBound);

        var updateElsewhere = await Store.UpdateAsync(Update(second.Id, initiator, s_now) with { Payload = Payload() }, update, default);
        var deleteElsewhere = await Store.DeleteAsync(second.Id, initiator, s_now, update with { Operation = MailboxOperation.Delete }, default);
        var createElsewhere = await Store.CreateAsync(second with { Id = Guid.NewGuid() }, update with { Operation = MailboxOperation.Create }, default);
        var readElsewhere = await Store.ReadAsync(claiming with { MailboxId = second.Id }, default);
        var secondView = await Store.ReadAsync(Read(second.Id, NewClaim()), default);

        Assert.Equal(MailboxStatus.RequestIdConflict, updateElsewhere.Status);
        Assert.Equal(MailboxStatus.RequestIdConflict, deleteElsewhere.Status);
        Assert.Equal(MailboxStatus.RequestIdConflict, createElsewhere.Status);
        Assert.Equal(MailboxStatus.RequestIdConflict, readElsewhere.Status);
        Assert.Equal(MailboxStatus.Ok, secondView.Status);
        Assert.True(secondView.NewlyBound); // The refused read bound nothing, and the refused delete deleted nothing.
        Assert.Equal(1, secondView.OtherSequence);

        // The ids still answer for their own mailbox.
        Assert.Equal(MailboxStatus.Replayed, (await Store.UpdateAsync(Update(first, initiator, s_now) with { Payload = Payload() }, update, default)).Status);
        Assert.True((await Store.ReadAsync(claiming, default)).Replayed);
    }

    [Fact]
    public async Task Read_RepeatOfTheClaimingRead_IsReadAgainAndFlaggedReplayed()
    {
        var (id, initiator) = await CreateAsync();
        var recipient = NewClaim();
        var claiming = Read(id, recipient) with { Fingerprint = RequestRecord.FingerprintOf("{}"u8) };
        var first = await Store.ReadAsync(claiming, default);
        var newer = Payload();
        await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = newer }, Record(initiator, MailboxOperation.Update), default);

        var again = await Store.ReadAsync(claiming, default);
        var otherBody = await Store.ReadAsync(claiming with { Fingerprint = RequestRecord.FingerprintOf([]) }, default);
        var plain = Read(id, recipient);
        await Store.ReadAsync(plain, default);
        var plainAgain = await Store.ReadAsync(plain, default);

        Assert.True(first.NewlyBound);
        Assert.False(first.Replayed);
        Assert.Equal(MailboxStatus.Ok, again.Status);
        Assert.True(again.Replayed);
        Assert.False(again.NewlyBound);
        Assert.Equal(newer.Data, again.OtherPayload!.Data);
        Assert.Equal(MailboxStatus.RequestIdConflict, otherBody.Status);

        // A read that bound nothing left no record: its repeat is just another read.
        Assert.Equal(MailboxStatus.Ok, plainAgain.Status);
        Assert.False(plainAgain.Replayed);
    }

    [Fact]
    public async Task Requests_BeyondTheCap_TheOldestAreForgotten()
    {
        var (id, initiator) = await CreateAsync();
        var records = Enumerable.Range(0, IMailboxStore.KeptRequests + 1).Select(_ => Record(initiator, MailboxOperation.Update)).ToList();
        foreach (var record in records)
        {
            Assert.Equal(MailboxStatus.Ok, (await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record, default)).Status);
        }

        var newest = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, records[^1], default);
        var oldest = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, records[0], default);

        Assert.Equal(MailboxStatus.Replayed, newest.Status);
        Assert.Equal(MailboxStatus.Ok, oldest.Status);
    }

    [Fact]
    public async Task Update_ExpiryBeyondTheLatest_IsCappedAtIt()
    {
        var initiator = NewClaim();
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, s_now.AddHours(1), "{\"title\":\"t\"}"u8.ToArray(), Payload(), null)
        {
            LatestExpiresAt = s_now.AddHours(2),
        };
        await Store.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default);

        var later = s_now.AddMinutes(30);
        var extended = await Store.UpdateAsync(Update(mailbox.Id, initiator, later) with { ExpiresAt = later.AddHours(2) }, Record(initiator, MailboxOperation.Update), default);
        var shortened = await Store.UpdateAsync(Update(mailbox.Id, initiator, later) with { ExpiresAt = later.AddMinutes(10) }, Record(initiator, MailboxOperation.Update), default);
        var again = await Store.UpdateAsync(Update(mailbox.Id, initiator, later) with { ExpiresAt = later.AddHours(5) }, Record(initiator, MailboxOperation.Update), default);

        Assert.Equal(s_now.AddHours(2), extended.ExpiresAt);
        Assert.Equal(later.AddMinutes(10), shortened.ExpiresAt);
        Assert.Equal(s_now.AddHours(2), again.ExpiresAt);
        Assert.Equal(MailboxStatus.NotFound, (await Store.ReadAsync(Read(mailbox.Id, initiator, s_now.AddHours(2)), default)).Status);
    }

    [Fact]
    public async Task Update_PayloadsPastTheMailboxsBudget_AreRefusedAndChangeNothing()
    {
        var initiator = NewClaim();
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, s_now.AddHours(1), "{}"u8.ToArray(), Payload(), null)
        {
            PayloadByteBudget = 150,
        };
        await Store.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default);
        var last = Payload();

        var second = await Store.UpdateAsync(Update(mailbox.Id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
        var third = await Store.UpdateAsync(Update(mailbox.Id, initiator, s_now) with { Payload = last }, Record(initiator, MailboxOperation.Update), default);
        var fourth = await Store.UpdateAsync(Update(mailbox.Id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
        var settings = await Store.UpdateAsync(Update(mailbox.Id, initiator, s_now) with { RecipientRights = MailboxAccessRights.Read | MailboxAccessRights.Delete }, Record(initiator, MailboxOperation.Update), default);
        var view = await Store.ReadAsync(Read(mailbox.Id, NewClaim()), default);

        // 48 bytes each: 144 of 150 taken, so the fourth message does not fit; settings still change.
        Assert.Equal(MailboxStatus.Ok, second.Status);
        Assert.Equal(MailboxStatus.Ok, third.Status);
        Assert.Equal(MailboxStatus.PayloadBudgetExhausted, fourth.Status);
        Assert.Equal(MailboxStatus.Ok, settings.Status);
        Assert.Equal(3, view.OtherSequence);
        Assert.Equal(last.Data, view.OtherPayload!.Data);
    }

    [Fact]
    public async Task Update_RecipientWithoutWriteRight_IsRefused()
    {
        var (id, _) = await CreateAsync(rights: MailboxAccessRights.Read);
        var recipient = NewClaim();
        await Store.ReadAsync(Read(id, recipient), default);

        var result = await Store.UpdateAsync(Update(id, recipient, s_now) with { Payload = Payload() }, Record(recipient, MailboxOperation.Update), default);

        Assert.Equal(MailboxStatus.MissingRight, result.Status);
    }

    [Fact]
    public async Task Delete_ReplayAfterDeletion_ReturnsTheFirstAnswer()
    {
        var (id, initiator) = await CreateAsync();
        var record = Record(initiator, MailboxOperation.Delete);

        var first = await Store.DeleteAsync(id, initiator, s_now, record, default);
        var replay = await Store.DeleteAsync(id, initiator, s_now, record, default);
        var fresh = await Store.DeleteAsync(id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default);

        Assert.Equal(MailboxStatus.Ok, first.Status);
        Assert.Equal(MailboxStatus.Replayed, replay.Status);
        Assert.Equal(MailboxStatus.NotFound, fresh.Status);
    }

    [Fact]
    public async Task Create_ReplayAfterItsMailboxWasDeleted_IsNotFound_AndCreatesNothing()
    {
        var initiator = NewClaim();
        var create = Record(initiator, MailboxOperation.Create, "{\"urlLink\":\"x\"}"u8.ToArray());
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read | MailboxAccessRights.Delete, s_now + TimeSpan.FromHours(1), "{}"u8.ToArray(), Payload(), null);
        Assert.Equal(MailboxStatus.Ok, (await Store.CreateAsync(mailbox, create, default)).Status);
        Assert.Equal(MailboxStatus.Ok, (await Store.DeleteAsync(mailbox.Id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default)).Status);

        // The retry would make another mailbox (a fresh id) if the store had forgotten the first create.
        var retry = new NewMailbox(Guid.NewGuid(), initiator, mailbox.RecipientRights, mailbox.ExpiresAt, mailbox.DisplayInformation, mailbox.Payload, null);
        var replay = await Store.CreateAsync(retry, create, default);
        var read = await Store.ReadAsync(Read(retry.Id, initiator), default);

        Assert.Equal(MailboxStatus.NotFound, replay.Status);
        Assert.Equal(MailboxStatus.NotFound, read.Status);
    }

    [Fact]
    public async Task Relinquish_ThenAnotherClaim_Binds()
    {
        var (id, _) = await CreateAsync();
        var first = NewClaim();
        await Store.ReadAsync(Read(id, first), default);

        var relinquished = await Store.RelinquishAsync(id, first, s_now, Record(first, MailboxOperation.Relinquish), default);
        var second = await Store.ReadAsync(Read(id, NewClaim()), default);
        var former = await Store.ReadAsync(Read(id, first), default);

        Assert.Equal(MailboxStatus.Ok, relinquished.Status);
        Assert.True(second.NewlyBound);
        Assert.Equal(MailboxStatus.WrongClaim, former.Status);
    }

    [Fact]
    public async Task Sweep_RemovesOnlyExpiredMailboxes_CountingClaimedOnes()
    {
        var (claimedId, _) = await CreateAsync(ttl: TimeSpan.FromMinutes(1));
        await Store.ReadAsync(Read(claimedId, NewClaim()), default);
        var (unclaimedId, _) = await CreateAsync(ttl: TimeSpan.FromMinutes(1));
        var (liveId, _) = await CreateAsync(ttl: TimeSpan.FromHours(1));

        var result = await Store.SweepExpiredAsync(s_now.AddMinutes(2), default);

        Assert.Equal(2, result.ExpiredMailboxes.Count);
        Assert.Contains(claimedId, result.ExpiredMailboxes);
        Assert.Contains(unclaimedId, result.ExpiredMailboxes);
        Assert.Equal(1, result.Claimed);
        Assert.Equal(1, result.Unclaimed);
        Assert.NotNull(await Store.GetPreviewAsync(liveId, s_now.AddMinutes(2), default));
        Assert.Empty((await Store.SweepExpiredAsync(s_now.AddMinutes(2), default)).ExpiredMailboxes);
    }

    [Fact]
    public async Task Watch_CompletesOnTheOtherSidesWriteAndNotBefore()
    {
        var (id, initiator) = await CreateAsync();
        using var watch = Store.Watch(id);

        await Task.Delay(50);
        Assert.False(watch.Changed.IsCompleted);
        await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);

        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Watch_CompletesWhenTheMailboxIsDeleted()
    {
        var (id, initiator) = await CreateAsync();
        using var watch = Store.Watch(id);

        await Store.DeleteAsync(id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default);

        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Events_ClaimWritesAndRelinquish_AreNumberedInOrderWithTheirSide()
    {
        var (id, initiator) = await CreateAsync(rights: MailboxAccessRights.Read | MailboxAccessRights.Write);
        var recipient = NewClaim();

        await Store.ReadAsync(Read(id, recipient), default);
        await Store.UpdateAsync(Update(id, recipient, s_now) with { Payload = Payload() }, Record(recipient, MailboxOperation.Update), default);
        await Store.UpdateAsync(Update(id, initiator, s_now) with { NotificationToken = "{}"u8.ToArray() }, Record(initiator, MailboxOperation.Update), default);
        await Store.UpdateAsync(Update(id, initiator, s_now) with { ExpiresAt = s_now.AddMinutes(30) }, Record(initiator, MailboxOperation.Update), default);
        await Store.ReadAsync(Read(id, recipient), default);
        await Store.RelinquishAsync(id, recipient, s_now, Record(recipient, MailboxOperation.Relinquish), default);
        var all = await Store.ReadEventsAsync(id, initiator, 0, s_now, default);
        var later = await Store.ReadEventsAsync(id, initiator, 2, s_now, default);

        Assert.Equal(MailboxStatus.Ok, all.Status);
        Assert.Equal(
            [
                new MailboxEvent(1, MailboxEventKind.Claimed, MailboxRole.Recipient),
                new MailboxEvent(2, MailboxEventKind.Updated, MailboxRole.Recipient),
                new MailboxEvent(3, MailboxEventKind.Updated, MailboxRole.Initiator),
                new MailboxEvent(4, MailboxEventKind.Relinquished, MailboxRole.Recipient),
            ],
            all.Events);
        Assert.Equal(4, all.LastSequence);
        Assert.Equal(s_now.AddMinutes(30), all.ExpiresAt);
        Assert.Equal([3L, 4L], later.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Events_ReplayedOrRefusedRequests_RecordNothing()
    {
        var (id, initiator) = await CreateAsync(rights: MailboxAccessRights.Read);
        var recipient = NewClaim();
        var record = Record(initiator, MailboxOperation.Update);
        await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record, default);
        await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, record, default);
        await Store.ReadAsync(Read(id, recipient), default);
        await Store.UpdateAsync(Update(id, recipient, s_now) with { Payload = Payload() }, Record(recipient, MailboxOperation.Update), default);
        await Store.ReadAsync(Read(id, NewClaim()), default);

        var events = await Store.ReadEventsAsync(id, initiator, 0, s_now, default);

        Assert.Equal([MailboxEventKind.Updated, MailboxEventKind.Claimed], events.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Events_RoleOfTheClaim_IsReportedAndEventsStayReadableForTheCaller()
    {
        var (id, initiator) = await CreateAsync();
        var recipient = NewClaim();
        await Store.ReadAsync(Read(id, recipient), default);

        Assert.Equal(MailboxRole.Initiator, (await Store.ReadEventsAsync(id, initiator, 0, s_now, default)).Role);
        Assert.Equal(MailboxRole.Recipient, (await Store.ReadEventsAsync(id, recipient, 0, s_now, default)).Role);
        Assert.Null((await Store.ReadEventsAsync(id, NewClaim(), 0, s_now, default)).Role);
        await Store.RelinquishAsync(id, recipient, s_now, Record(recipient, MailboxOperation.Relinquish), default);
        var former = await Store.ReadEventsAsync(id, recipient, 1, s_now, default);
        Assert.Null(former.Role);
        Assert.Equal(MailboxEventKind.Relinquished, Assert.Single(former.Events).Kind);
    }

    [Fact]
    public async Task Events_OfADeletedOrExpiredMailbox_AreGone()
    {
        var (deleted, initiator) = await CreateAsync();
        await Store.ReadAsync(Read(deleted, NewClaim()), default);
        var (expiring, other) = await CreateAsync(ttl: TimeSpan.FromMinutes(1));

        await Store.DeleteAsync(deleted, initiator, s_now, Record(initiator, MailboxOperation.Delete), default);

        Assert.Equal(MailboxStatus.NotFound, (await Store.ReadEventsAsync(deleted, initiator, 0, s_now, default)).Status);
        Assert.Equal(MailboxStatus.Ok, (await Store.ReadEventsAsync(expiring, other, 0, s_now.AddSeconds(59), default)).Status);
        Assert.Equal(MailboxStatus.NotFound, (await Store.ReadEventsAsync(expiring, other, 0, s_now.AddMinutes(1), default)).Status);
    }

    [Fact]
    public async Task Events_ManyWrites_NumbersKeepGrowingAndTheLatestAreKept()
    {
        var (id, initiator) = await CreateAsync();
        for (var i = 0; i < 300; i++)
        {
            await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
        }

        var events = await Store.ReadEventsAsync(id, initiator, 290, s_now, default);
        var oldest = await Store.ReadEventsAsync(id, initiator, 0, s_now, default);
        var rest = await Store.ReadEventsAsync(id, initiator, oldest.Events[^1].Sequence, s_now, default);

        Assert.Equal(300, events.LastSequence);
        Assert.Equal(Enumerable.Range(291, 10).Select(n => (long)n), events.Events.Select(e => e.Sequence));
        Assert.InRange(oldest.Events[0].Sequence, 2, 300 - 255);

        // A store keeping exactly 256 returns them all in the first page, and the read after it is empty.
        Assert.Equal(300, oldest.Events.Concat(rest.Events).Last().Sequence);
        Assert.Equal(oldest.Events.Concat(rest.Events).Select(e => e.Sequence), Enumerable.Range((int)oldest.Events[0].Sequence, 300 - (int)oldest.Events[0].Sequence + 1).Select(n => (long)n));
    }

    [Fact]
    public async Task Tokens_ComeBackWithClaimsWritesDeletesAndSweeps()
    {
        var initiatorToken = "{\"type\":\"i\"}"u8.ToArray();
        var recipientToken = "{\"type\":\"r\"}"u8.ToArray();
        var (id, initiator) = await CreateAsync(rights: MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete, token: initiatorToken);
        var recipient = NewClaim();

        var claim = await Store.ReadAsync(Read(id, recipient) with { NotificationToken = recipientToken }, default);
        var write = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
        var delete = await Store.DeleteAsync(id, recipient, s_now, Record(recipient, MailboxOperation.Delete), default);
        var (expiring, _) = await CreateAsync(ttl: TimeSpan.FromMinutes(1), token: initiatorToken);
        var (silent, _) = await CreateAsync(ttl: TimeSpan.FromMinutes(1));
        var sweep = await Store.SweepExpiredAsync(s_now.AddMinutes(1), default);

        Assert.Equal(initiatorToken, claim.InitiatorToken);
        Assert.Equal(recipientToken, write.RecipientToken);
        Assert.Equal(initiatorToken, write.InitiatorToken);
        Assert.Equal(s_now.AddHours(1), write.ExpiresAt);
        Assert.Equal(initiatorToken, delete.InitiatorToken);
        Assert.Equal(recipientToken, delete.RecipientToken);
        Assert.Equal(MailboxRole.Recipient, delete.Role);
        var swept = Assert.Single(sweep.NotificationTokens);
        Assert.Equal(expiring, swept.MailboxId);
        Assert.Equal(initiatorToken, swept.InitiatorToken);
        Assert.Null(swept.RecipientToken);
        Assert.Contains(silent, sweep.ExpiredMailboxes);
    }

    [Fact]
    public async Task DropNotificationToken_ForgetsOnlyTheTokenThatWasReportedGone()
    {
        var oldToken = "{\"n\":1}"u8.ToArray();
        var newToken = "{\"n\":2}"u8.ToArray();
        var (id, initiator) = await CreateAsync(rights: MailboxAccessRights.Read | MailboxAccessRights.Write, token: oldToken);
        var recipient = NewClaim();
        await Store.ReadAsync(Read(id, recipient) with { NotificationToken = oldToken }, default);
        await Store.UpdateAsync(Update(id, recipient, s_now) with { NotificationToken = newToken }, Record(recipient, MailboxOperation.Update), default);

        await Store.DropNotificationTokenAsync(id, MailboxRole.Initiator, oldToken, default);
        await Store.DropNotificationTokenAsync(id, MailboxRole.Recipient, oldToken, default);
        var write = await Store.UpdateAsync(Update(id, initiator, s_now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);

        Assert.Null(write.InitiatorToken);
        Assert.Equal(newToken, write.RecipientToken);
    }

    [Fact]
    public async Task Healthy_WhenOpen()
    {
        Assert.True(await Store.IsHealthyAsync(default));
    }

    protected static ClaimHash NewClaim() => ClaimHash.Of(Guid.NewGuid());

    protected async Task<(Guid Id, ClaimHash Initiator)> CreateAsync(MailboxAccessRights rights = MailboxAccessRights.Read | MailboxAccessRights.Delete, TimeSpan? ttl = null, byte[]? token = null)
    {
        var initiator = NewClaim();
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, rights, s_now + (ttl ?? TimeSpan.FromHours(1)), "{\"title\":\"t\"}"u8.ToArray(), Payload(), token);
        var result = await Store.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default);
        Assert.Equal(MailboxStatus.Ok, result.Status);
        return (mailbox.Id, initiator);
    }

    protected static MailboxRead Read(Guid id, ClaimHash claim, DateTimeOffset? now = null) => new(id, claim, now ?? s_now, Guid.NewGuid(), null);

    protected static MailboxUpdate Update(Guid id, ClaimHash claim, DateTimeOffset now) => new() { MailboxId = id, Claim = claim, Now = now };

    protected static RequestRecord Record(ClaimHash claim, MailboxOperation operation, byte[]? body = null) => new(claim, Guid.NewGuid(), operation, body ?? []);

    protected static StoredPayload Payload() => new(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(48));
}
