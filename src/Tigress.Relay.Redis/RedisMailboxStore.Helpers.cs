using System.Globalization;
using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

internal sealed partial class RedisMailboxStore
{
    private const byte Pending = (byte)'p';
    private const byte Done = (byte)'d';
    private const byte Used = (byte)'u';
    private const int RecordHead = 1 + RequestRecord.FingerprintLength;

    private static readonly TimeSpan PendingCreate = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PendingWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PendingPoll = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(2);
    private static readonly RedisValue DisplayField = "disp";
    private static readonly RedisValue ExpiryField = "exp";
    private static readonly RedisValue DeletedByInitiator = "1";
    private static readonly RedisValue DeletedByRecipient = "2";

    private async Task<ScriptReply> EvaluateAsync(string script, Guid mailboxId, DateTimeOffset now, CancellationToken cancellationToken, RedisValue[] arguments)
    {
        RedisValue[] values =
        [
            _keys.ChannelName(mailboxId),
            now.ToUnixTimeMilliseconds(),
            (long)KeyGrace.TotalMilliseconds,
            mailboxId.ToByteArray(),
            .. arguments,
        ];
        return await _connection.EvaluateAsync(script, _keys.ScriptKeys(mailboxId), values, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a request id of a claim was used for before, by the key <c>CreateAsync</c> also keeps.</summary>
    private enum RequestIdUse
    {
        /// <summary>Never: this request just took it.</summary>
        New,

        /// <summary>For this mailbox: the script decides between a replay and a conflict.</summary>
        ThisMailbox,

        /// <summary>For another mailbox: refused, as every store refuses it.</summary>
        Conflict,
    }

    /// <summary>
    /// Records which mailbox a write's request id is for, unless it was used before; the records themselves live per
    /// mailbox, so only this key tells a request id reused for another mailbox. It is taken for a short while first
    /// and kept for the mailbox's life once the write is done (<see cref="ConfirmedAsync"/>).
    /// </summary>
    private async Task<RequestIdUse> UseRequestIdAsync(RequestRecord request, Guid mailboxId, CancellationToken cancellationToken)
    {
        var previous = await _connection.GuardAsync(_database.ExecuteAsync(
            "SET",
            [_keys.CreateRecord(request.Claim, request.RequestId), Reservation(Used, mailboxId), "NX", "GET", "PX", (long)PendingCreate.TotalMilliseconds]), cancellationToken).ConfigureAwait(false);
        return previous.IsNull ? RequestIdUse.New : RequestIdUseOf((byte[]?)previous, mailboxId);
    }

    private static RequestIdUse RequestIdUseOf(byte[]? previous, Guid mailboxId)
    {
        if (previous is null)
        {
            return RequestIdUse.New;
        }

        Span<byte> id = stackalloc byte[16];
        var written = mailboxId.TryWriteBytes(id);
        System.Diagnostics.Debug.Assert(written);
        return previous.Length == 17 && previous.AsSpan(1).SequenceEqual(id) ? RequestIdUse.ThisMailbox : RequestIdUse.Conflict;
    }

    /// <summary>Keeps a request id's mailbox for as long as its record may be.</summary>
    private void NoteRequestId(ClaimHash claim, Guid requestId, Guid mailboxId, DateTimeOffset expiresAt, DateTimeOffset now) =>
        _ = _database.StringSetAsync(_keys.CreateRecord(claim, requestId), Reservation(Used, mailboxId), Lifetime(expiresAt, now), flags: CommandFlags.FireAndForget);

    /// <summary>
    /// The result of an update, delete or relinquish, once the replicas hold it (a replay too: its first attempt may
    /// have ended before they did). The request id's key, taken by <see cref="UseRequestIdAsync"/>, is kept with the
    /// mailbox when the write was done, and given back when nothing was.
    /// </summary>
    private async Task<MailboxWriteResult> ConfirmedAsync(ScriptReply reply, RequestRecord request, RequestIdUse use, Guid mailboxId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = WriteResult(mailboxId, reply.Values);
        if (result.Status is MailboxStatus.Ok or MailboxStatus.Replayed)
        {
            await _connection.ConfirmAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        if (use == RequestIdUse.New && result.Status == MailboxStatus.Ok)
        {
            NoteRequestId(request.Claim, request.RequestId, mailboxId, result.ExpiresAt, now);
        }
        else if (use == RequestIdUse.New && result.Status != MailboxStatus.Replayed)
        {
            _ = _database.KeyDeleteAsync(_keys.CreateRecord(request.Claim, request.RequestId), CommandFlags.FireAndForget);
        }

        return result;
    }

    private static ScriptStatus Status(RedisResult[] reply) => (ScriptStatus)(int)reply[0];

    private static ScriptStatus Status(ScriptReply reply) => Status(reply.Values);

    private static MailboxStatus ToMailboxStatus(ScriptStatus status) => status switch
    {
        ScriptStatus.NotFound => MailboxStatus.NotFound,
        ScriptStatus.WrongClaim => MailboxStatus.WrongClaim,
        ScriptStatus.MissingRight => MailboxStatus.MissingRight,
        ScriptStatus.RequestIdConflict => MailboxStatus.RequestIdConflict,
        ScriptStatus.PayloadBudgetExhausted => MailboxStatus.PayloadBudgetExhausted,
        ScriptStatus.PinRequired => MailboxStatus.PinRequired,
        ScriptStatus.PinLocked => MailboxStatus.PinLocked,
        ScriptStatus.NotPinProtected => MailboxStatus.NotPinProtected,
        _ => throw new InvalidOperationException($"A mailbox script answered status {status} where it cannot."),
    };

    /// <summary>The result of an update, delete or relinquish script: <c>{0, role, claimed, expiry, initiator token[, recipient token]}</c>.</summary>
    private static MailboxWriteResult WriteResult(Guid mailboxId, RedisResult[] reply) => Status(reply) switch
    {
        ScriptStatus.Ok => new MailboxWriteResult(MailboxStatus.Ok, (MailboxRole)(int)reply[1], WasClaimed: (int)reply[2] == 1)
        {
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(reply[3])),
            InitiatorToken = (byte[]?)reply[4],
            RecipientToken = reply.Length > 5 ? (byte[]?)reply[5] : null,
        },
        ScriptStatus.Replayed => Replayed(mailboxId, (byte[])reply[1]!),
        var status => MailboxWriteResult.Failed(ToMailboxStatus(status)),
    };

    /// <summary>
    /// The events of a log (two bytes each, the last one numbered <paramref name="last"/>) numbered above
    /// <paramref name="after"/>, oldest first. A <c>pin-failed</c> event's second byte is the guesses it left, not a side.
    /// </summary>
    private static MailboxEvent[] EventsAfter(byte[] log, long last, long after)
    {
        var kept = log.Length / 2;
        var first = last - kept + 1;
        if (after >= last || kept == 0)
        {
            return [];
        }

        var from = Math.Max(after + 1, first);
        var events = new MailboxEvent[last - from + 1];
        for (var i = 0; i < events.Length; i++)
        {
            var at = (int)(from - first + i) * 2;
            var kind = (MailboxEventKind)(log[at] - '0');
            var side = log[at + 1] - '0';
            events[i] = kind == MailboxEventKind.PinFailed
                ? new MailboxEvent(from + i, kind, MailboxRole.Recipient) { GuessesLeft = side }
                : new MailboxEvent(from + i, kind, side == 0 ? null : (MailboxRole)side);
        }

        return events;
    }

    /// <summary>The first answer, from a record whose head the script found equal to the repeated request's.</summary>
    private static MailboxWriteResult Replayed(Guid mailboxId, byte[] record) =>
        new(MailboxStatus.Replayed, Replay: new StoredResponse(mailboxId, (MailboxOperation)(record[0] - '0'), record[RecordHead..]));

    /// <summary>Whether a stored record has the operation and body fingerprint of <paramref name="request"/>.</summary>
    private static bool SameHead(byte[] record, RequestRecord request) =>
        record.Length >= RecordHead
        && record[0] == (byte)('0' + (int)request.Operation)
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(record.AsSpan(1, RequestRecord.FingerprintLength), request.Fingerprint);

    private static byte[] RecordField(RequestRecord request) => RecordField(request.Claim, request.RequestId);

    private static byte[] RecordField(ClaimHash claim, Guid requestId)
    {
        var field = new byte[ClaimHash.Length + 16];
        claim.Bytes.CopyTo(field);
        var written = requestId.TryWriteBytes(field.AsSpan(ClaimHash.Length));
        System.Diagnostics.Debug.Assert(written);
        return field;
    }

    private static byte[] Record(RequestRecord request) => Record(request.Operation, request.Fingerprint, request.Body);

    /// <summary>The operation's digit and the request body's fingerprint (the head), then the answer's body.</summary>
    private static byte[] Record(MailboxOperation operation, byte[] fingerprint, byte[] body)
    {
        System.Diagnostics.Debug.Assert(fingerprint.Length == RequestRecord.FingerprintLength);
        var record = new byte[RecordHead + body.Length];
        record[0] = (byte)('0' + (int)operation);
        fingerprint.CopyTo(record, 1);
        body.CopyTo(record, RecordHead);
        return record;
    }

    private static byte[] Reservation(byte state, Guid mailboxId)
    {
        var value = new byte[17];
        value[0] = state;
        var written = mailboxId.TryWriteBytes(value.AsSpan(1));
        System.Diagnostics.Debug.Assert(written);
        return value;
    }

    private static TimeSpan Lifetime(DateTimeOffset expiresAt, DateTimeOffset now) =>
        (expiresAt > now ? expiresAt - now : TimeSpan.Zero) + KeyGrace;

    private static long ParseLong(RedisResult value) => long.Parse((string)value!, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
