using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// The HTTP dropbox binding on Redis or Redis Cluster: each location is one hash changed only by one Lua script per
/// operation (<see cref="RedisDropboxScripts"/>), so write-once and the cookie lock hold across relay nodes, and a
/// reader waiting on one node is woken by a write through another.
/// </summary>
internal sealed class RedisDropboxStore : IDropboxStore, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly DropboxSignals _signals;
    private readonly ChangeSubscriptions<string> _subscriptions;

    /// <summary>A store on the relay's Redis connection, under the given key prefix.</summary>
    internal RedisDropboxStore(RedisConnection connection, string keyPrefix, DropboxSignals signals, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _keys = new RedisKeys(keyPrefix);
        _signals = signals;
        _subscriptions = new ChangeSubscriptions<string>(connection.Subscriber, _keys.DropboxChannel, signals, logger);
    }

    /// <summary>A store with its own in-process signals; for tests, which cannot reach <see cref="DropboxSignals"/>.</summary>
    internal RedisDropboxStore(RedisConnection connection, string keyPrefix, ILogger logger)
        : this(connection, keyPrefix, new DropboxSignals(), logger)
    {
    }

    internal RedisKeys Keys => _keys;

    public async Task<DropboxResult> PutAsync(DropboxRequest request, byte[] body, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var result = await EvaluateAsync(RedisDropboxScripts.Put, request, expiresAt, body, cancellationToken).ConfigureAwait(false);
        if (result.Status == DropboxStatus.Ok)
        {
            _signals.Publish(request.Location);
        }

        return result;
    }

    public async Task<DropboxResult> GetAsync(DropboxRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A waiting reader listens before it reads, or a write through another node in between would go unheard.
        await _connection.GuardAsync(_subscriptions.ReadyAsync(request.Location), cancellationToken).ConfigureAwait(false);
        return await EvaluateAsync(RedisDropboxScripts.Get, request, expiresAt, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DropboxResult> DeleteAsync(DropboxRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await EvaluateAsync(RedisDropboxScripts.Delete, request, expiresAt, null, cancellationToken).ConfigureAwait(false);
        if (result.Status == DropboxStatus.Ok)
        {
            _signals.Publish(request.Location);
        }

        return result;
    }

    public MailboxWatch Watch(string location) => _subscriptions.Watch(location);

    /// <summary>
    /// Nothing to do: every location's key carries a TTL (its expiry plus <see cref="RedisMailboxStore.KeyGrace"/>),
    /// so Redis removes it, and the scripts treat an expired location as never used meanwhile. Always 0, because
    /// the relay removed nothing itself.
    /// </summary>
    public Task<int> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>Stops listening for other nodes' changes; the connection itself belongs to its owner.</summary>
    public void Dispose() => _subscriptions.Clear();

    private async Task<DropboxResult> EvaluateAsync(string script, DropboxRequest request, DateTimeOffset expiresAt, byte[]? body, CancellationToken cancellationToken)
    {
        var lockKey = request.Lock;
        RedisValue[] values =
        [
            _keys.DropboxChannelName(request.Location),
            request.Now.ToUnixTimeMilliseconds(),
            (long)RedisMailboxStore.KeyGrace.TotalMilliseconds,
            expiresAt.ToUnixTimeMilliseconds(),
            lockKey is null ? "0" : "1",
            lockKey?.Presented ?? [],
            lockKey?.Offered ?? [],
            body ?? [],
        ];
        var scripted = await _connection.EvaluateAsync(script, [_keys.Dropbox(request.Location)], values, cancellationToken).ConfigureAwait(false);
        var reply = scripted.Values;

        // A write, a delete, and a cookie handed out by the lock must all outlive a failover once answered.
        var changed = (int)reply[1] == 1 || ((DropboxStatus)(int)reply[0] == DropboxStatus.Ok && !ReferenceEquals(script, RedisDropboxScripts.Get));
        if (changed)
        {
            await _connection.ConfirmAsync(scripted, cancellationToken).ConfigureAwait(false);
        }

        return new DropboxResult(
            (DropboxStatus)(int)reply[0],
            Body: reply.Length > 2 ? (byte[])reply[2]! : null,
            CookieIssued: (int)reply[1] == 1);
    }
}
