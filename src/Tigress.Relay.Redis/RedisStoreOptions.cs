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
}
