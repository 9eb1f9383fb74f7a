namespace Tigress.Relay.Redis;

/// <summary>
/// The Lua scripts behind every mailbox operation. Each one runs atomically on the node that owns the mailbox's
/// slot and decides the contract's rules (roles, rights, first claim wins, exact expiry, idempotency) inside that
/// one step, exactly as the SQLite store decides them inside one transaction.
/// </summary>
/// <remarks>
/// <para>
/// Every mailbox script declares <c>KEYS[1]</c> the mailbox hash, <c>KEYS[2]</c> its request records,
/// <c>KEYS[3]</c> the expiry index of its slot, <c>KEYS[4]</c> the notification tokens of its slot and <c>KEYS[5]</c>
/// the list of its record fields oldest first (at most <see cref="Tigress.Relay.Storage.IMailboxStore.KeptRequests"/>), and takes
/// <c>ARGV[1]</c> the change channel, <c>ARGV[2]</c> the relay's clock in Unix milliseconds, <c>ARGV[3]</c> how long
/// keys outlive their expiry in milliseconds and <c>ARGV[4]</c> the 16 id bytes; the rest are listed per script.
/// </para>
/// <para>
/// Replies are arrays whose first element is a <see cref="ScriptStatus"/>. A request record is one byte holding the
/// operation's number as an ASCII digit, the 16-byte fingerprint of the request body, then the first answer's body
/// (empty for a read, which keeps only that it bound the claim); its field is the 32-byte claim hash followed by the
/// 16-byte request id. The first 17 bytes are the record's head: a repeated id with another head is a conflict.
/// </para>
/// <para>
/// Key lifetimes come from the relay's clock (<c>PEXPIRE</c> with the time left plus a grace), so that a clock
/// difference between the relay and Redis never removes a live mailbox; the scripts' own comparison with
/// <c>ARGV[2]</c> decides expiry to the millisecond (docs/protocol.md section 7.13).
/// </para>
/// <para>
/// The event log (docs/protocol.md section 8) is two hash fields: <c>en</c>, the number of the latest event, and <c>ev</c>, the latest
/// <see cref="KeptEvents"/> events oldest first, two ASCII digits each (<c>MailboxEventKind</c>, then the side's
/// <c>MailboxRole</c> or 0), so event <c>en</c> is the last pair. It goes with the hash. A <c>pin-failed</c> event
/// (kind 6), always the recipient's, has in place of the side the byte <c>'0'</c> plus the guesses it left.
/// </para>
/// <para>
/// The relay-assisted PIN (docs/protocol.md section 12.6) is three hash fields, absent without one: <c>pk</c> the OPRF key,
/// <c>pv</c> the verifier (SHA-256 of the proof key) and <c>pg</c> the guesses left. The read that spends the last guess
/// locks the mailbox: it removes <c>pk</c>, <c>pv</c> and the initiator's message, leaving <c>pg</c> 0. A wrong proof's
/// record has the operation digit 6 and, as its body, the guesses it left in ASCII digits.
/// </para>
/// </remarks>
internal static class RedisScripts
{
    /// <summary>How many of its latest events a mailbox keeps; the SQLite store keeps at least as many.</summary>
    public const int KeptEvents = 256;

    // Mailbox hash fields: ci/cr initiator and recipient claim hashes, rights, exp (Unix ms), mx the latest expiry an
    // update may set, pb/pw the payload budget and the payload bytes written so far, disp, ic/id/is the initiator's message (cipher, data, count), rc/rd/rs the recipient's, en/ev
    // the event log, pk/pv/pg the relay-assisted PIN. The tokens are in
    // the slot's token hash, fields id .. 'i' and id .. 'r'.
    private static readonly string Prelude = $$"""
        local channel, now, grace, member = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]

        -- Claim hashes compared without an early exit (docs/protocol.md section 7.2).
        local function same(a, b)
          if not a or not b or #a ~= #b then return false end
          local d = 0
          for i = 1, #a do d = bit.bor(d, bit.bxor(string.byte(a, i), string.byte(b, i))) end
          return d == 0
        end

        local function role_of(claim, initiator, recipient)
          if same(claim, initiator) then return 1 end
          if recipient and same(claim, recipient) then return 2 end
          return 0
        end

        local function lifetime(exp)
          local left = tonumber(exp) - now
          if left < 0 then left = 0 end
          return left + grace
        end

        -- The sweep finds the mailbox by expiry; the member's last byte says whether a recipient is bound.
        local function index(exp, claimed)
          redis.call('ZREM', KEYS[3], member .. 'c', member .. 'u')
          redis.call('ZADD', KEYS[3], exp, member .. (claimed and 'c' or 'u'))
        end

        -- Keeps the latest {{Tigress.Relay.Storage.IMailboxStore.KeptRequests}} records; the oldest go first.
        local function record(field, value, exp)
          if redis.call('HSET', KEYS[2], field, value) == 1 then
            redis.call('RPUSH', KEYS[5], field)
            if redis.call('LLEN', KEYS[5]) > {{Tigress.Relay.Storage.IMailboxStore.KeptRequests}} then
              redis.call('HDEL', KEYS[2], redis.call('LPOP', KEYS[5]))
            end
          end
          redis.call('PEXPIRE', KEYS[2], lifetime(exp))
          redis.call('PEXPIRE', KEYS[5], lifetime(exp))
        end

        -- Both sides' notification tokens, false where a side has none.
        local function tokens()
          local t = redis.call('HMGET', KEYS[4], member .. 'i', member .. 'r')
          return t[1], t[2]
        end

        local function set_token(role, token)
          redis.call('HSET', KEYS[4], member .. (role == 1 and 'i' or 'r'), token)
        end

        -- Appends to the event log in the same step as the change it records, keeping the latest entries.
        local function log_event(kind, side)
          local ev = (redis.call('HGET', KEYS[1], 'ev') or '') .. kind .. side
          if #ev > {{KeptEvents * 2}} then ev = string.sub(ev, -{{KeptEvents * 2}}) end
          redis.call('HSET', KEYS[1], 'ev', ev)
          redis.call('HINCRBY', KEYS[1], 'en', 1)
        end

        -- A replay writes its record again, unchanged: a write is what moves this connection's replication offset,
        -- so the WAIT after the replay also covers the first attempt's write, made perhaps through another node.
        local function rewrite(field, rec)
          redis.call('HSET', KEYS[2], field, rec)
        end

        -- A repeated request id: the first answer while the mailbox lives, not found after; another operation or
        -- body under the same id (another head) is a conflict.
        local function replay(field, head)
          local rec = redis.call('HGET', KEYS[2], field)
          if not rec then return nil end
          if string.sub(rec, 1, 17) ~= string.sub(head, 1, 17) then return {7} end
          local exp = redis.call('HGET', KEYS[1], 'exp')
          if not exp or tonumber(exp) <= now then return {1} end
          rewrite(field, rec)
          return {4, rec}
        end

        """;

    /// <summary>
    /// CreateMailbox. ARGV: 5 record field, 6 record, 7 initiator claim hash, 8 rights, 9 expiry, 10 display,
    /// 11 cipher, 12 data, 13 initiator token or empty, 14 latest expiry or empty, 15 payload budget or empty, 16 the
    /// PIN's OPRF key, 17 its verifier and 18 its guesses, or all three empty.
    /// Replies <c>{0}</c>, or <c>{5}</c> if the id is taken.
    /// </summary>
    public static readonly string Create = Prelude + """
        if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then return {5} end
        redis.call('HSET', KEYS[1], 'ci', ARGV[7], 'rights', ARGV[8], 'exp', ARGV[9], 'disp', ARGV[10],
          'ic', ARGV[11], 'id', ARGV[12], 'is', 1, 'rs', 0, 'pw', #ARGV[12])
        if ARGV[14] ~= '' then redis.call('HSET', KEYS[1], 'mx', ARGV[14]) end
        if ARGV[15] ~= '' then redis.call('HSET', KEYS[1], 'pb', ARGV[15]) end
        if ARGV[18] ~= '' then redis.call('HSET', KEYS[1], 'pk', ARGV[16], 'pv', ARGV[17], 'pg', ARGV[18]) end
        if ARGV[13] ~= '' then set_token(1, ARGV[13]) end
        redis.call('PEXPIRE', KEYS[1], lifetime(ARGV[9]))
        record(ARGV[5], ARGV[6], ARGV[9])
        index(ARGV[9], false)
        return {0}
        """;

    /// <summary>
    /// Finds the record of a create request under the mailbox it made. ARGV: 5 record field.
    /// Replies <c>{4, record, expiry or nil}</c>, or <c>{6}</c> when there is none.
    /// </summary>
    public static readonly string FindCreate = Prelude + """
        local rec = redis.call('HGET', KEYS[2], ARGV[5])
        if not rec then return {6} end
        rewrite(ARGV[5], rec)
        return {4, rec, redis.call('HGET', KEYS[1], 'exp')}
        """;

    /// <summary>
    /// ReadSecureContentFromMailbox, binding a new claim if no recipient is bound (first claim wins); on a mailbox with
    /// a relay-assisted PIN only with a proof whose SHA-256 is the verifier, a wrong one spending a guess. Only the read
    /// that binds keeps a record, without the answer; a repeat of it is read again and flagged as replayed. A wrong
    /// proof keeps a record of the guesses it left, and a repeat of it is answered from that record.
    /// ARGV: 5 record field, 6 reader's claim hash, 7 token or empty, 8 the record ('2' and the body's fingerprint),
    /// 9 SHA-256 of the PIN proof or empty, 10 a wrong proof's record head ('6' and the body's fingerprint).
    /// Replies <c>{0, role, newly bound, display, expiry, other cipher, other data, other count, initiator token,
    /// replayed}</c>, or for a wrong proof <c>{9, guesses left, replayed[, expiry, initiator token]}</c>.
    /// </summary>
    public static readonly string Read = Prelude + """
        local replayed = 0
        local rec = redis.call('HGET', KEYS[2], ARGV[5])
        if rec then
          local head = string.sub(rec, 1, 17)
          if head == ARGV[10] then
            local exp = redis.call('HGET', KEYS[1], 'exp')
            if not exp or tonumber(exp) <= now then return {1} end
            rewrite(ARGV[5], rec)
            return {9, tonumber(string.sub(rec, 18)), 1}
          end
          if head ~= ARGV[8] then return {7} end
          replayed = 1
          rewrite(ARGV[5], rec)
        end
        local h = redis.call('HMGET', KEYS[1], 'ci', 'cr', 'rights', 'exp', 'disp', 'ic', 'id', 'is', 'rc', 'rd', 'rs', 'pg', 'pv')
        if not h[1] or tonumber(h[4]) <= now then return {1} end
        local rights = tonumber(h[3])
        local role = role_of(ARGV[6], h[1], h[2])
        local newly = 0
        if role == 0 then
          if h[2] then return {2} end
          if h[12] == '0' then return {11} end
          if bit.band(rights, 1) == 0 then return {3} end
          if h[12] then
            if ARGV[9] == '' then return {10} end
            if not same(ARGV[9], h[13]) then
              -- A wrong proof spends a guess; the last one locks the mailbox and erases what a proof would unlock.
              local left = tonumber(h[12]) - 1
              if left == 0 then redis.call('HDEL', KEYS[1], 'pk', 'pv', 'ic', 'id') end
              redis.call('HSET', KEYS[1], 'pg', left)
              log_event('6', string.char(48 + left))
              record(ARGV[5], ARGV[10] .. left, h[4])
              redis.call('SPUBLISH', channel, '')
              return {9, left, 0, h[4], (tokens())}
            end
          end
          redis.call('HSET', KEYS[1], 'cr', ARGV[6])
          index(h[4], true)
          log_event('1', '2')
          if replayed == 0 then record(ARGV[5], ARGV[8], h[4]) end
          role, newly = 2, 1
        elseif role == 2 and bit.band(rights, 1) == 0 then
          return {3}
        end
        if ARGV[7] ~= '' then set_token(role, ARGV[7]) end
        if newly == 1 or ARGV[7] ~= '' then redis.call('SPUBLISH', channel, '') end
        local ti = tokens()
        if role == 1 then
          return {0, role, newly, h[5], h[4], h[9] or false, h[10] or false, tonumber(h[11]) or 0, ti, replayed}
        end
        return {0, role, newly, h[5], h[4], h[6] or false, h[7] or false, tonumber(h[8]) or 0, ti, replayed}
        """;

    /// <summary>
    /// UpdateMailbox. ARGV: 5 record field, 6 record, 7 writer's claim hash, 8 '1' with a payload, 9 cipher,
    /// 10 data, 11 display, 12 rights, 13 expiry, 14 token (11 to 14 empty when unchanged); the expiry is capped at
    /// the mailbox's latest. Replies <c>{0, role, 0, expiry, initiator token, recipient token}</c>, the tokens as they
    /// are after the update.
    /// </summary>
    public static readonly string Update = Prelude + """
        local r = replay(ARGV[5], ARGV[6])
        if r then return r end
        local h = redis.call('HMGET', KEYS[1], 'ci', 'cr', 'rights', 'exp', 'mx', 'pb', 'pw')
        if not h[1] or tonumber(h[4]) <= now then return {1} end
        local role = role_of(ARGV[7], h[1], h[2])
        if role == 0 then return {2} end
        if role == 2 then
          if ARGV[11] ~= '' or ARGV[12] ~= '' or ARGV[13] ~= '' then return {3} end
          if ARGV[8] == '1' and bit.band(tonumber(h[3]), 2) == 0 then return {3} end
        end
        if ARGV[8] == '1' and h[6] and (tonumber(h[7]) or 0) + #ARGV[10] > tonumber(h[6]) then return {8} end
        if ARGV[8] == '1' then
          local side = role == 1 and 'i' or 'r'
          redis.call('HSET', KEYS[1], side .. 'c', ARGV[9], side .. 'd', ARGV[10])
          redis.call('HINCRBY', KEYS[1], side .. 's', 1)
          redis.call('HINCRBY', KEYS[1], 'pw', #ARGV[10])
        end
        if ARGV[11] ~= '' then redis.call('HSET', KEYS[1], 'disp', ARGV[11]) end
        if ARGV[12] ~= '' then redis.call('HSET', KEYS[1], 'rights', ARGV[12]) end
        local exp = h[4]
        if ARGV[13] ~= '' then
          exp = ARGV[13]
          if h[5] and tonumber(exp) > tonumber(h[5]) then exp = h[5] end
          redis.call('HSET', KEYS[1], 'exp', exp)
          redis.call('PEXPIRE', KEYS[1], lifetime(exp))
          index(exp, h[2])
        end
        if ARGV[14] ~= '' then set_token(role, ARGV[14]) end
        -- Registering a token alone changes nothing the other side could read.
        if ARGV[8] == '1' or ARGV[11] ~= '' or ARGV[12] ~= '' or ARGV[13] ~= '' then log_event('2', role) end
        record(ARGV[5], ARGV[6], exp)
        redis.call('SPUBLISH', channel, '')
        local ti, tr = tokens()
        return {0, role, 0, exp, ti, tr}
        """;

    /// <summary>
    /// DeleteMailbox. Only the delete's own record outlives the mailbox, until the mailbox would have expired. The
    /// change message names the deleting side (its role's number), so every node's event streams can say who deleted.
    /// ARGV: 5 record field, 6 record, 7 claim hash.
    /// Replies <c>{0, role, 1 if a recipient was bound, expiry, initiator token, recipient token}</c>.
    /// </summary>
    public static readonly string Delete = Prelude + """
        local rec = redis.call('HGET', KEYS[2], ARGV[5])
        if rec then
          if string.sub(rec, 1, 17) ~= string.sub(ARGV[6], 1, 17) then return {7} end
          rewrite(ARGV[5], rec)
          return {4, rec}
        end
        local h = redis.call('HMGET', KEYS[1], 'ci', 'cr', 'rights', 'exp')
        if not h[1] or tonumber(h[4]) <= now then return {1} end
        local role = role_of(ARGV[7], h[1], h[2])
        if role == 0 then return {2} end
        if role == 2 and bit.band(tonumber(h[3]), 4) == 0 then return {3} end
        local ti, tr = tokens()
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[5])
        redis.call('ZREM', KEYS[3], member .. 'c', member .. 'u')
        redis.call('HDEL', KEYS[4], member .. 'i', member .. 'r')
        record(ARGV[5], ARGV[6], h[4])
        redis.call('SPUBLISH', channel, tostring(role))
        return {0, role, h[2] and 1 or 0, h[4], ti, tr}
        """;

    /// <summary>
    /// RelinquishMailbox: unbinds the recipient, clears its message and token and forgets its records (they held the
    /// initiator's messages). The message count is kept, so an old ETag never matches a new recipient's message.
    /// ARGV: 5 record field, 6 record, 7 claim hash. Replies <c>{0, 2, 0, expiry, initiator token}</c>.
    /// </summary>
    public static readonly string Relinquish = Prelude + """
        local r = replay(ARGV[5], ARGV[6])
        if r then return r end
        local h = redis.call('HMGET', KEYS[1], 'ci', 'cr', 'exp')
        if not h[1] or tonumber(h[3]) <= now then return {1} end
        if not (h[2] and same(ARGV[7], h[2])) then return {2} end
        redis.call('HDEL', KEYS[1], 'cr', 'rc', 'rd')
        redis.call('HDEL', KEYS[4], member .. 'r')
        for _, field in ipairs(redis.call('HKEYS', KEYS[2])) do
          if string.sub(field, 1, 32) == ARGV[7] then
            redis.call('HDEL', KEYS[2], field)
            redis.call('LREM', KEYS[5], 0, field)
          end
        end
        log_event('3', '2')
        record(ARGV[5], ARGV[6], h[3])
        index(h[3], false)
        redis.call('SPUBLISH', channel, '')
        return {0, 2, 0, h[3], (tokens())}
        """;

    /// <summary>
    /// Removes one mailbox the expiry index lists as expired, if it still is, with its tokens. ARGV: the common four only.
    /// Replies <c>{-1}</c> when there was nothing to remove, else <c>{1 if a recipient was bound else 0, initiator
    /// token, recipient token}</c>; the tokens are found even when Redis has dropped the mailbox's keys already.
    /// </summary>
    public static readonly string Sweep = Prelude + """
        local claimed = 1
        local score = redis.call('ZSCORE', KEYS[3], member .. 'c')
        if not score then
          claimed = 0
          score = redis.call('ZSCORE', KEYS[3], member .. 'u')
        end
        if not score or tonumber(score) > now then return {-1} end
        local ti, tr = tokens()
        redis.call('ZREM', KEYS[3], member .. 'c', member .. 'u')
        redis.call('HDEL', KEYS[4], member .. 'i', member .. 'r')
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[5])
        redis.call('SPUBLISH', channel, '')
        return {claimed, ti, tr}
        """;

    /// <summary>
    /// Reads a live mailbox's event log, with the side the claim belongs to now (0 for neither); the caller picks
    /// the events it wants. ARGV: 5 claim hash. Replies <c>{0, role, expiry, latest event number, log}</c>.
    /// </summary>
    public static readonly string ReadEvents = Prelude + """
        local h = redis.call('HMGET', KEYS[1], 'ci', 'cr', 'exp', 'en', 'ev')
        if not h[1] or tonumber(h[3]) <= now then return {1} end
        return {0, role_of(ARGV[5], h[1], h[2]), h[3], tonumber(h[4]) or 0, h[5] or ''}
        """;

    /// <summary>
    /// The OPRF key and guesses left of a live mailbox with a relay-assisted PIN that is not locked; once a recipient
    /// is bound, only the two sides' claims get it. Changes nothing. ARGV: 5 claim hash.
    /// Replies <c>{0, key, guesses left}</c>.
    /// </summary>
    public static readonly string ReadPinKey = Prelude + """
        local h = redis.call('HMGET', KEYS[1], 'ci', 'cr', 'exp', 'pk', 'pg')
        if not h[1] or tonumber(h[3]) <= now then return {1} end
        if not h[5] then return {12} end
        if h[2] and role_of(ARGV[5], h[1], h[2]) == 0 then return {2} end
        if h[5] == '0' or not h[4] then return {11} end
        return {0, h[4], tonumber(h[5])}
        """;

    /// <summary>
    /// Forgets a side's token if it is still the one its push service reported gone. ARGV: 5 'i' or 'r', 6 the token.
    /// Replies <c>{0}</c>.
    /// </summary>
    public static readonly string DropToken = Prelude + """
        local field = member .. ARGV[5]
        if redis.call('HGET', KEYS[4], field) == ARGV[6] then redis.call('HDEL', KEYS[4], field) end
        return {0}
        """;
}
