using System.Security.Cryptography;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// The contract every <see cref="IMailboxStore"/> keeps, written once; each store runs it by deriving a class that
/// says how to make a fresh, empty store.
/// </summary>
public abstract class MailboxStoreContractTests : IAsyncLifetime
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
        var (id, initiator) = await CreateAsync(rights: AccessRights.Read | AccessRights.Write);
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
    public async Task Update_RecipientWithoutWriteRight_IsRefused()
    {
        var (id, _) = await CreateAsync(rights: AccessRights.Read);
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

        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Watch_CompletesWhenTheMailboxIsDeleted()
    {
        var (id, initiator) = await CreateAsync();
        using var watch = Store.Watch(id);

        await Store.DeleteAsync(id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default);

        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Healthy_WhenOpen()
    {
        Assert.True(await Store.IsHealthyAsync(default));
    }

    protected static ClaimHash NewClaim() => ClaimHash.Of(Guid.NewGuid());

    private async Task<(Guid Id, ClaimHash Initiator)> CreateAsync(AccessRights rights = AccessRights.Read | AccessRights.Delete, TimeSpan? ttl = null)
    {
        var initiator = NewClaim();
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, rights, s_now + (ttl ?? TimeSpan.FromHours(1)), "{\"title\":\"t\"}"u8.ToArray(), Payload(), null);
        var result = await Store.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default);
        Assert.Equal(MailboxStatus.Ok, result.Status);
        return (mailbox.Id, initiator);
    }

    private static MailboxRead Read(Guid id, ClaimHash claim, DateTimeOffset? now = null) => new(id, claim, now ?? s_now, Guid.NewGuid(), null);

    private static MailboxUpdate Update(Guid id, ClaimHash claim, DateTimeOffset now) => new() { MailboxId = id, Claim = claim, Now = now };

    private static RequestRecord Record(ClaimHash claim, MailboxOperation operation, byte[]? body = null) => new(claim, Guid.NewGuid(), operation, body ?? []);

    private static StoredPayload Payload() => new(PayloadCipher.Aes128Gcm, RandomNumberGenerator.GetBytes(48));
}
