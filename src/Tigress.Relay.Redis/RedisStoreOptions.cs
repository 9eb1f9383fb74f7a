namespace Tigress.Relay.Redis;

/// <summary>Settings of the Redis store, given to <c>AddRedisStorage</c>.</summary>
public sealed class RedisStoreOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string: one <c>host:port</c> for a single server, or a comma-separated list of
    /// cluster nodes, followed by options such as <c>password=...</c>, <c>ssl=true</c> or <c>asyncTimeout=...</c>.
    /// </summary>
    /// <remarks>Required. The relay always connects with <c>abortConnect=false</c>, so it starts, and recovers, while Redis is away.</remarks>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Put before every key and channel name, so that several relays (or other applications) can share one Redis.</summary>
    /// <remarks>Default: <c>tigress:</c>. It must not contain <c>{</c> or <c>}</c>.</remarks>
    public string KeyPrefix { get; set; } = "tigress:";

    /// <summary>
    /// How many replicas must hold a write (a create, the claim that binds, an update, a delete, a relinquish, their
    /// idempotency records, a dropbox write or delete) before the relay acknowledges it: <c>WAIT</c> on the primary
    /// that made it. A write not confirmed within <see cref="ReplicationTimeout"/> is answered <c>503</c> with
    /// <c>Retry-After</c>, and the client's retry with the same request id is safe. Configuration key
    /// <c>Relay:Redis:MinReplicas</c>, flag <c>--redis-min-replicas</c>.
    /// </summary>
    /// <remarks>
    /// Default: <see langword="null"/>, meaning one on a primary that has a replica and none on a primary without
    /// (asked with <c>ROLE</c> every few seconds). <c>0</c> acknowledges what the primary alone holds, which a
    /// failover can undo (docs/operations.md).
    /// </remarks>
    public int? MinReplicas { get; set; }

    /// <summary>How long a write waits for its replicas before it is answered <c>503</c>. Configuration key <c>Relay:Redis:ReplicationTimeout</c>.</summary>
    /// <remarks>Default: 1 second. While it waits, the primary's connection carries nothing else of this relay node.</remarks>
    public TimeSpan ReplicationTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
