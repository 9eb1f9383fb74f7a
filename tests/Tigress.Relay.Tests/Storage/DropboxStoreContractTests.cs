using System.Buffers.Text;
using System.Security.Cryptography;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// The contract every <see cref="IDropboxStore"/> keeps, written once; each store runs it by deriving a class that
/// creates and destroys a fresh store (SQLite here, Redis and Redis Cluster in the Redis store's tests).
/// </summary>
public abstract class DropboxStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    protected IDropboxStore Store { get; private set; } = null!;

    protected abstract Task<IDropboxStore> CreateStoreAsync();

    protected abstract Task DestroyStoreAsync(IDropboxStore store);

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DestroyStoreAsync(Store);

    private static DateTimeOffset Expiry => s_now.AddHours(1);

    [Fact]
    public async Task Location_IsWriteOnce_AndStaysUsedAfterTheDelete()
    {
        var location = NewLocation();
        var message = RandomNumberGenerator.GetBytes(100);

        var before = await Store.GetAsync(Request(location), Expiry, default);
        var put = await Store.PutAsync(Request(location), message, Expiry, default);
        var again = await Store.PutAsync(Request(location), [1], Expiry, default);
        var read = await Store.GetAsync(Request(location), Expiry, default);
        var deleted = await Store.DeleteAsync(Request(location), Expiry, default);
        var gone = await Store.GetAsync(Request(location), Expiry, default);
        var deletedAgain = await Store.DeleteAsync(Request(location), Expiry, default);
        var rewrite = await Store.PutAsync(Request(location), [2], Expiry, default);

        Assert.Equal(DropboxStatus.NotFound, before.Status);
        Assert.Equal(DropboxStatus.Ok, put.Status);
        Assert.Equal(DropboxStatus.AlreadyWritten, again.Status);
        Assert.Equal(DropboxStatus.Ok, read.Status);
        Assert.Equal(message, read.Body);
        Assert.Equal(DropboxStatus.Ok, deleted.Status);
        Assert.Equal(DropboxStatus.NotFound, gone.Status);
        Assert.Equal(DropboxStatus.NotFound, deletedAgain.Status);
        Assert.Equal(DropboxStatus.AlreadyWritten, rewrite.Status);
    }

    [Fact]
    public async Task Put_Concurrent_ExactlyOneWrites()
    {
        var location = NewLocation();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puts = Enumerable.Range(0, 8).Select(async i =>
        {
            await gate.Task;
            return await Store.PutAsync(Request(location), [(byte)i], Expiry, default);
        }).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(puts);
        var read = await Store.GetAsync(Request(location), Expiry, default);

        Assert.Single(results, r => r.Status == DropboxStatus.Ok);
        Assert.Equal(7, results.Count(r => r.Status == DropboxStatus.AlreadyWritten));
        Assert.Single(read.Body!);
    }

    [Fact]
    public async Task Watch_CompletesOnThePutAndOnTheDelete_NotBefore()
    {
        var location = NewLocation();
        using (var watch = Store.Watch(location))
        {
            Assert.Equal(DropboxStatus.NotFound, (await Store.GetAsync(Request(location), Expiry, default)).Status);
            await Task.Delay(20);
            Assert.False(watch.Changed.IsCompleted);
            await Store.PutAsync(Request(location), [9], Expiry, default);
            await watch.Changed.WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var deleteWatch = Store.Watch(location);
        Assert.Equal(DropboxStatus.Ok, (await Store.GetAsync(Request(location), Expiry, default)).Status);
        await Store.DeleteAsync(Request(location), Expiry, default);
        await deleteWatch.Changed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CookieLock_AdmitsTwoClients_AndRefusesAThird()
    {
        var location = NewLocation();
        var writer = Cookie();
        var reader = Cookie();

        var put = await Store.PutAsync(Request(location, null, writer), [1], Expiry, default);
        var read = await Store.GetAsync(Request(location, null, reader), Expiry, default);
        var third = await Store.GetAsync(Request(location, null, Cookie()), Expiry, default);
        var thirdDeletes = await Store.DeleteAsync(Request(location, null, Cookie()), Expiry, default);
        var readerAgain = await Store.GetAsync(Request(location, reader, Cookie()), Expiry, default);
        var writerDeletes = await Store.DeleteAsync(Request(location, writer, Cookie()), Expiry, default);

        Assert.True(put.CookieIssued);
        Assert.Equal(DropboxStatus.Ok, read.Status);
        Assert.True(read.CookieIssued);
        Assert.Equal(DropboxStatus.Locked, third.Status);
        Assert.Null(third.Body);
        Assert.Equal(DropboxStatus.Locked, thirdDeletes.Status);
        Assert.Equal(DropboxStatus.Ok, readerAgain.Status);
        Assert.False(readerAgain.CookieIssued);
        Assert.Equal(DropboxStatus.Ok, writerDeletes.Status);
    }

    [Fact]
    public async Task CookieLock_DeleteOfAnUntouchedLocation_IssuesNoCookieAndTakesNoPlace()
    {
        var location = NewLocation();

        var delete = await Store.DeleteAsync(Request(location, null, Cookie()), Expiry, default);
        var put = await Store.PutAsync(Request(location, null, Cookie()), [1], Expiry, default);
        var read = await Store.GetAsync(Request(location, null, Cookie()), Expiry, default);

        Assert.Equal(DropboxStatus.NotFound, delete.Status);
        Assert.False(delete.CookieIssued);
        Assert.Equal(DropboxStatus.Ok, put.Status);
        Assert.Equal(DropboxStatus.Ok, read.Status);
        Assert.True(read.CookieIssued);
    }

    [Fact]
    public async Task Location_AtItsExpiry_CountsAsNeverUsed_AndASweepKeepsItSo()
    {
        var location = NewLocation();
        var expiry = s_now.AddMinutes(1);
        await Store.PutAsync(Request(location), [1], expiry, default);

        var before = await Store.GetAsync(Request(location) with { Now = expiry.AddMilliseconds(-1) }, expiry, default);
        var at = await Store.GetAsync(Request(location) with { Now = expiry }, expiry, default);
        await Store.SweepExpiredAsync(expiry, default);
        var rewritten = await Store.PutAsync(Request(location) with { Now = expiry }, [2], expiry.AddMinutes(1), default);
        var read = await Store.GetAsync(Request(location) with { Now = expiry }, expiry.AddMinutes(1), default);

        Assert.Equal(DropboxStatus.Ok, before.Status);
        Assert.Equal(DropboxStatus.NotFound, at.Status);
        Assert.Equal(DropboxStatus.Ok, rewritten.Status);
        Assert.Equal(new byte[] { 2 }, read.Body);
    }

    protected static string NewLocation() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    protected static DropboxRequest Request(string location) => new(location, s_now, null);

    protected static DropboxRequest Request(string location, byte[]? presented, byte[] offered) =>
        new(location, s_now, new DropboxLockKey(presented, offered));

    protected static byte[] Cookie() => SHA256.HashData(RandomNumberGenerator.GetBytes(32));
}
