using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// The relay's one multiplexed connection to Redis or Redis Cluster, shared by the mailbox and dropbox stores, and
/// the single place where "Redis is away or slow" becomes <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    // Errors a server answers while it cannot serve for now (starting, failing over, cluster reconfiguring, out of
    // memory under maxmemory-policy noeviction): retryable, so the relay's 503, not a 500.
    // UNBLOCKED: a WAIT cut short because its primary was just demoted.
    private static readonly string[] s_transientErrors = ["LOADING", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "BUSY", "NOREPLICAS", "OOM", "UNBLOCKED"];

    // How long the replica count of a primary (for MinReplicas "auto") is trusted before ROLE is asked again.
    private static readonly TimeSpan s_replicaCountLifetime = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, string> s_scriptHashes = new();

    private readonly bool _ownsMultiplexer;
    private readonly TimeSpan _operationTimeout;
    private readonly RedisReplication _replication;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<EndPoint, (int Replicas, long At)> _replicaCounts = new();
    private int _disposed;

    // Counts connection failures and restorations: a WAIT is only worth something on the connection that carried the
    // write, so a write whose connection may have been replaced in between is not confirmed.
    private long _connectionEpoch;

    // Set when Redis refused a write for lack of memory, cleared by the next request's write that it took.

    /// <summary>
    /// Wraps a multiplexer; <paramref name="ownsMultiplexer"/> says whether disposing closes it, and
    /// <paramref name="operationTimeout"/> is the longest a request waits for Redis before it is answered 503, and
    /// <paramref name="replication"/> how many replicas must hold a write before it is acknowledged (none when omitted).
    /// </summary>
    public RedisConnection(IConnectionMultiplexer multiplexer, bool ownsMultiplexer, TimeSpan operationTimeout, ILogger logger, RedisReplication? replication = null)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        Multiplexer = multiplexer;
        Database = multiplexer.GetDatabase();
        Subscriber = multiplexer.GetSubscriber();
        _ownsMultiplexer = ownsMultiplexer;
        _operationTimeout = operationTimeout;
        _replication = replication ?? RedisReplication.None;
        _logger = logger;
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database { get; }

    public ISubscriber Subscriber { get; }

    /// <summary>Connects without waiting for Redis to be up, and owns the connection.</summary>
    public static RedisConnection Connect(ConfigurationOptions configuration, RedisReplication replication, ILogger logger)
    {
        var multiplexer = ConnectionMultiplexer.Connect(configuration);

        // The client times commands out itself; this bound is the backstop for a call that is never answered.
        var timeout = TimeSpan.FromMilliseconds(configuration.AsyncTimeout) + TimeSpan.FromSeconds(1);
        return new RedisConnection(multiplexer, ownsMultiplexer: true, timeout, logger, replication);
    }

    /// <summary>
    /// Runs a script on the primary that owns <paramref name="keys"/>' slot. When writes must reach replicas, the
    /// script goes to that primary's own connection without following a redirect, so that
    /// <see cref="ConfirmAsync"/> can then WAIT on the very connection that carried it; a slot that moved meanwhile
    /// answers <c>MOVED</c>, which is a 503 to retry.
    /// </summary>
    public async Task<ScriptReply> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        if (_replication.MinReplicas == 0)
        {
            var reply = await GuardAsync(Database.ScriptEvaluateAsync(script, keys, values), cancellationToken).ConfigureAwait(false);
            return new ScriptReply((RedisResult[])reply!, null, 0);
        }

        var epoch = Interlocked.Read(ref _connectionEpoch);
        IServer server;
        try
        {
            server = Multiplexer.GetServer(keys[0], flags: CommandFlags.DemandMaster);
        }
        catch (Exception e) when (IsUnavailable(e) || e is InvalidOperationException)
        {
            // InvalidOperationException: no connected primary owns the slot now (Redis away, or failing over).
            throw Unavailable(e);
        }

        try
        {
            var result = await GuardAsync(EvaluateOnAsync(server, script, keys, values), cancellationToken).ConfigureAwait(false);
            return new ScriptReply((RedisResult[])result!, server, epoch);
        }
        catch (RedisCommandException e)
        {
            // The client would not send to that server as it is now (its role is being renegotiated).
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Returns once the write a script made is held by as many replicas as required (<c>WAIT</c> on the primary and
    /// connection that ran it); throws <see cref="StoreUnavailableException"/> (503) when they do not confirm in time.
    /// Either way the write stays on the primary, and a retry with the same request id is answered from its record.
    /// </summary>
    public async Task ConfirmAsync(ScriptReply reply, CancellationToken cancellationToken)
    {
        if (reply.Server is not { } server)
        {
            return;
        }

        var needed = _replication.MinReplicas ?? await ReplicasOfAsync(server, cancellationToken).ConfigureAwait(false);
        if (needed == 0)
        {
            return;
        }

        RedisResult waited;
        try
        {
            waited = await GuardAsync(
                server.ExecuteAsync("WAIT", [needed, (long)_replication.Timeout.TotalMilliseconds], CommandFlags.NoRedirect),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("replica", StringComparison.OrdinalIgnoreCase))
        {
            // A failover demoted the primary that ran the script before it confirmed: its write may be gone.
            RedisStoreLog.ReplicationNotConfirmed(_logger, 0, needed);
            throw new StoreUnavailableException("The Redis primary that took the write became a replica before replicas confirmed it; the request may be retried.", e);
        }

        var confirmed = (long)waited;
        if (confirmed < needed || Interlocked.Read(ref _connectionEpoch) != reply.Epoch)
        {
            RedisStoreLog.ReplicationNotConfirmed(_logger, confirmed, needed);
            throw new StoreUnavailableException($"Only {confirmed} of {needed} Redis replicas confirmed the write in time; the request may be retried.");
        }
    }

    /// <summary>
    /// Awaits a Redis call for at most the operation timeout, turning "Redis is away or slow" into
    /// <see cref="StoreUnavailableException"/>. A call given up on may still run later; its effect is never
    /// acknowledged, and the client's retry with the same request id finds it.
    /// </summary>
    public async Task<T> GuardAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(_operationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc cref="GuardAsync{T}(Task{T}, CancellationToken)"/>
    public async Task GuardAsync(Task call, CancellationToken cancellationToken)
    {
        try
        {
            await call.WaitAsync(_operationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Whether every primary answers; on a cluster, a primary that is away takes its slots' data with it.</summary>
    public async Task<bool> IsHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Multiplexer.IsConnected)
        {
            return false;
        }

        try
        {
            var primaries = Multiplexer.GetServers().Where(server => !server.IsReplica).ToArray();
            if (primaries.Length == 0 || primaries.Any(server => !server.IsConnected))
            {
                return false;
            }

            await Task.WhenAll(primaries.Select(server => server.PingAsync())).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether every primary accepts a small write: a Redis at <c>maxmemory</c> under <c>noeviction</c> still answers
    /// pings but refuses writes (<c>OOM</c>). Each primary gets one short-lived key, named by
    /// <paramref name="probeKeyOfSlot"/> for a slot that primary serves.
    /// </summary>
    public async Task<bool> CanWriteAsync(Func<int, RedisKey> probeKeyOfSlot, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var slots = Multiplexer.GetServers()
                .Where(server => !server.IsReplica)
                .Select(server => server.ServerType == ServerType.Cluster
                    ? server.ClusterConfiguration?.Nodes.FirstOrDefault(node => node.IsMyself)?.Slots.FirstOrDefault().From ?? 0
                    : 0)
                .Distinct()
                .ToArray();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Task.WhenAll(slots.Select(slot => Database.StringSetAsync(probeKeyOfSlot(slot), now, TimeSpan.FromMinutes(1))))
                .WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Multiplexer.ConnectionFailed -= OnConnectionFailed;
        Multiplexer.ConnectionRestored -= OnConnectionRestored;
        if (_ownsMultiplexer)
        {
            Multiplexer.Dispose();
        }
    }

    // EVALSHA first, as ScriptEvaluateAsync does; a server that does not know the script yet gets its text once.
    private static async Task<RedisResult> EvaluateOnAsync(IServer server, string script, RedisKey[] keys, RedisValue[] values)
    {
        var hash = s_scriptHashes.GetOrAdd(script, text => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text))));
        var arguments = new object[2 + keys.Length + values.Length];
        arguments[1] = keys.Length;
        for (var i = 0; i < keys.Length; i++)
        {
            arguments[2 + i] = (RedisValue)(byte[])keys[i]!;
        }

        for (var i = 0; i < values.Length; i++)
        {
            arguments[2 + keys.Length + i] = values[i];
        }

        try
        {
            arguments[0] = hash;
            return await server.ExecuteAsync("EVALSHA", arguments, CommandFlags.NoRedirect).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            arguments[0] = script;
            return await server.ExecuteAsync("EVAL", arguments, CommandFlags.NoRedirect).ConfigureAwait(false);
        }
    }

    // MinReplicas "auto": as many as one, if the primary has any replica (ROLE), asked again every few seconds.
    private async Task<int> ReplicasOfAsync(IServer server, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_replicaCounts.TryGetValue(server.EndPoint, out var known) && now - known.At < s_replicaCountLifetime.TotalMilliseconds)
        {
            return known.Replicas;
        }

        var role = await GuardAsync(server.RoleAsync(CommandFlags.NoRedirect), cancellationToken).ConfigureAwait(false);
        var replicas = role is Role.Master primary && primary.Replicas.Count > 0 ? 1 : 0;
        _replicaCounts[server.EndPoint] = (replicas, now);
        return replicas;
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or TimeoutException => true,

        // A slot that moved between routing and running, answered without following it (see EvaluateAsync); the
        // client has learnt the new owner from it, so the retry goes there.
        RedisServerException moved when moved.Message.StartsWith("ASK", StringComparison.Ordinal) || moved.Message.Contains("MOVED", StringComparison.Ordinal) => true,
        RedisServerException server => s_transientErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        _ => false,
    };

    private Exception Unavailable(Exception e)
    {
        // Redis at maxmemory under noeviction: no room, a 507, while reads and deletes still work.
        if (e is RedisServerException server && server.Message.StartsWith("OOM", StringComparison.Ordinal))
        {
            return new StoreFullException("Redis refused the write: it is at its maxmemory limit.", e);
        }

        return new StoreUnavailableException($"Redis did not answer ({e.GetType().Name}); the request may be retried.", e);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref _connectionEpoch);
        if (_ownsMultiplexer)
        {
            RedisStoreLog.ConnectionFailed(_logger, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref _connectionEpoch);
        if (_ownsMultiplexer)
        {
            RedisStoreLog.ConnectionRestored(_logger);
        }
    }
}

/// <summary>A script's reply, with the primary that ran it when the write must then be confirmed there.</summary>
internal readonly record struct ScriptReply(RedisResult[] Values, IServer? Server, long Epoch);

/// <summary>How many replicas must hold a write before the relay acknowledges it, and how long to wait for them.</summary>
/// <param name="MinReplicas">A number, or <see langword="null"/> for one when the primary has a replica and none otherwise.</param>
/// <param name="Timeout">How long a <c>WAIT</c> may take before the request is answered 503.</param>
internal sealed record RedisReplication(int? MinReplicas, TimeSpan Timeout)
{
    public static readonly RedisReplication None = new(0, TimeSpan.Zero);
}
