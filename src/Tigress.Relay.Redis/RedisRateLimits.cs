using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using Tigress.Relay.Hosting;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// The relay's per-client token buckets in Redis, shared by every node: one small hash per client and policy,
/// changed by one script, so two nodes never both spend the last token. Redis keeps only a keyed hash of the client
/// (with a secret all nodes read from Redis), for as long as its bucket takes to refill.
/// </summary>
internal sealed class RedisRateLimits(RedisConnection connection, string keyPrefix) : ISharedRateLimits
{
    // KEYS[1] the bucket; ARGV[1] capacity, ARGV[2] tokens per millisecond. Redis's own clock, so that every node
    // refills alike. Replies 0 when a token was taken, else the milliseconds until the next one.
    private const string Take = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local cap, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
        local h = redis.call('HMGET', KEYS[1], 't', 'at')
        local tokens, at = tonumber(h[1]) or cap, tonumber(h[2]) or now
        tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
        local wait = 0
        if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
        redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 1000)
        return wait
        """;

    private readonly RedisKey _secretKey = keyPrefix + "rate-limit-secret";
    private byte[]? _secret;

    public async ValueTask<TimeSpan?> TakeAsync(string policy, string clientKey, int perMinute, CancellationToken cancellationToken)
    {
        try
        {
            var secret = _secret ??= await SecretAsync(cancellationToken).ConfigureAwait(false);
            var hash = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(clientKey)).AsSpan(0, 16));
            var wait = (long)await connection.GuardAsync(
                connection.Database.ScriptEvaluateAsync(Take, [keyPrefix + "{rl:" + policy + ":" + hash + "}"], [perMinute, perMinute / 60_000.0]),
                cancellationToken).ConfigureAwait(false);
            return wait <= 0 ? null : TimeSpan.FromMilliseconds(wait);
        }
        catch (Exception e) when (e is StoreUnavailableException or StoreFullException)
        {
            // Redis away or full: the request goes on, and is answered 503 or 507 by the store it needs anyway.
            return null;
        }
    }

    // One random secret for the whole deployment, made by whichever node asks first.
    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        await connection.GuardAsync(connection.Database.StringSetAsync(_secretKey, RandomNumberGenerator.GetBytes(32), when: When.NotExists), cancellationToken).ConfigureAwait(false);
        var secret = (byte[]?)await connection.GuardAsync(connection.Database.StringGetAsync(_secretKey), cancellationToken).ConfigureAwait(false);
        return secret is { Length: 32 } ? secret : throw new StoreUnavailableException("The rate limit secret in Redis is missing or not this relay's.");
    }
}
