namespace Tigress.Relay.Redis;

/// <summary>
/// The Lua scripts of the HTTP dropbox binding: one per operation on one location's hash, so that write-once, the
/// cookie lock's "first two clients" and exact expiry are each decided in one atomic step on any number of nodes.
/// </summary>
/// <remarks>
/// <para>
/// Every script declares <c>KEYS[1]</c> the location's hash (fields <c>st</c>: 0 touched, 1 written, 2 deleted;
/// <c>body</c>; <c>exp</c> in Unix milliseconds; <c>la</c>, <c>lb</c>: hashes of the two admitted cookies) and takes
/// <c>ARGV[1]</c> the change channel, <c>ARGV[2]</c> the relay's clock, <c>ARGV[3]</c> how long keys outlive their
/// expiry, <c>ARGV[4]</c> the expiry of a location first used now, <c>ARGV[5]</c> '1' when the cookie lock is on,
/// <c>ARGV[6]</c> the presented cookie's hash or empty, <c>ARGV[7]</c> the offered cookie's hash.
/// </para>
/// <para>Replies are <c>{status, 1 if a cookie was issued[, body]}</c> with the status numbered as <c>DropboxStatus</c>.</para>
/// </remarks>
internal static class RedisDropboxScripts
{
    private const string Prelude = """
        local channel, now, grace, exp = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
        local locked, presented, offered = ARGV[5] == '1', ARGV[6], ARGV[7]

        local function same(a, b)
          if not a or not b or #a ~= #b then return false end
          local d = 0
          for i = 1, #a do d = bit.bor(d, bit.bxor(string.byte(a, i), string.byte(b, i))) end
          return d == 0
        end

        -- The location, or nil when never used or expired (an expired location counts as never used).
        local function load()
          local h = redis.call('HMGET', KEYS[1], 'st', 'body', 'exp', 'la', 'lb')
          if not h[1] or tonumber(h[3]) <= now then return nil end
          return h
        end

        local function insert(state, body)
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'st', state, 'exp', exp)
          if body then redis.call('HSET', KEYS[1], 'body', body) end
          if locked then redis.call('HSET', KEYS[1], 'la', offered) end
          local left = tonumber(exp) - now
          if left < 0 then left = 0 end
          redis.call('PEXPIRE', KEYS[1], left + grace)
        end

        -- The cookie lock: a known cookie passes, a new client takes a free place of two, a third is refused.
        -- A location not yet used admits its first client when it is created.
        local function admit(h)
          if not locked then return 0, 0 end
          if not h then return 0, 1 end
          if presented ~= '' and (same(presented, h[4]) or same(presented, h[5])) then return 0, 0 end
          if h[5] then return 3, 0 end
          redis.call('HSET', KEYS[1], h[4] and 'lb' or 'la', offered)
          return 0, 1
        end

        """;

    /// <summary>PUT: writes a location that was never written. ARGV[8]: the message.</summary>
    public const string Put = Prelude + """
        local h = load()
        local status, issued = admit(h)
        if status ~= 0 then return {status, issued} end
        if h and h[1] ~= '0' then return {2, issued} end
        if h then
          redis.call('HSET', KEYS[1], 'st', 1, 'body', ARGV[8])
        else
          insert(1, ARGV[8])
        end
        redis.call('SPUBLISH', channel, '')
        return {0, issued}
        """;

    /// <summary>GET: the message, if written and not deleted. With the lock, a reader of an unused location takes a place.</summary>
    public const string Get = Prelude + """
        local h = load()
        if not h and locked then
          insert(0, nil)
          return {1, 1}
        end
        local status, issued = admit(h)
        if status ~= 0 then return {status, issued} end
        if not h or h[1] ~= '1' then return {1, issued} end
        return {0, issued, h[2]}
        """;

    /// <summary>DELETE: removes a written message; the location stays used, so it is never writable again.</summary>
    public const string Delete = Prelude + """
        local h = load()
        -- Nothing to delete leaves nothing behind: no location is made, so no lock cookie is handed out either.
        if not h then return {1, 0} end
        local status, issued = admit(h)
        if status ~= 0 then return {status, issued} end
        if not h or h[1] ~= '1' then return {1, issued} end
        redis.call('HSET', KEYS[1], 'st', 2)
        redis.call('HDEL', KEYS[1], 'body')
        redis.call('SPUBLISH', channel, '')
        return {0, issued}
        """;
}
