using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tigress.Relay.Storage;
using Tigress.Protocol.Mailbox;

namespace Tigress.Relay.Redis;

/// <summary>
/// The scale-out store: mailboxes in Redis or Redis Cluster, shared by any number of relay nodes. Every operation
/// is one Lua script (<see cref="RedisScripts"/>) on keys that share the mailbox's hash tag, so it is atomic and
/// runs on a cluster; a long poll or event stream on one node is woken by a write on another through sharded pub/sub.
/// </summary>
/// <remarks>
/// Nothing is acknowledged that Redis did not answer: a lost connection or a timeout surfaces as
/// <see cref="StoreUnavailableException"/> (the relay's <c>503</c>), and the client's retry with the same request id is
/// answered from the idempotency record if the first attempt did reach Redis.
/// </remarks>
internal sealed partial class RedisMailboxStore : IMailboxStore, IDisposable
{
    /// <summary>How long keys outlive their mailbox's expiry; the scripts refuse expired mailboxes meanwhile.</summary>
    internal static readonly TimeSpan KeyGrace = TimeSpan.FromMinutes(2);

    private readonly RedisConnection _connection;
    private readonly IDatabase _database;
    private readonly RedisKeys _keys;
    private readonly MailboxSignals _signals;
    private readonly ChangeSubscriptions<Guid> _subscriptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A store on the relay's Redis connection, under the given key prefix.</summary>
    internal RedisMailboxStore(RedisConnection connection, string keyPrefix, MailboxSignals signals, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _database = connection.Database;
        _keys = new RedisKeys(keyPrefix);
        _signals = signals;
        _time = time;
        _logger = logger;
        _subscriptions = new ChangeSubscriptions<Guid>(connection.Subscriber, _keys.Channel, signals, logger, OnChangeMessage);
    }

    /// <summary>A store with its own in-process signals; for tests, which cannot reach <see cref="MailboxSignals"/>.</summary>
    internal RedisMailboxStore(RedisConnection connection, string keyPrefix, TimeProvider time, ILogger logger)
        : this(connection, keyPrefix, new MailboxSignals(), time, logger)
    {
    }

    /// <summary>Number of mailboxes this node listens to for other nodes' changes; for tests.</summary>
    internal int SubscriptionCount => _subscriptions.Count;

    internal RedisKeys Keys => _keys;

    public async Task<MailboxWriteResult> CreateAsync(NewMailbox mailbox, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(request);

        // The create's record lives under the new mailbox's tag like every other record, but a retried create does
        // not know that mailbox's id. A small key named after the claim and request id points to it: written
        // "pending" before the mailbox exists (so a concurrent duplicate waits instead of creating a second
        // mailbox), "done" once it does. A pending key whose writer died lapses after PendingCreate.
        var reservation = _keys.CreateRecord(request.Claim, request.RequestId);
        var field = RecordField(request);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var now = _time.GetUtcNow();
            if (await _connection.GuardAsync(_database.StringSetAsync(reservation, Reservation(Pending, mailbox.Id), PendingCreate, When.NotExists), cancellationToken).ConfigureAwait(false))
            {
                var created = await EvaluateAsync(RedisScripts.Create, mailbox.Id, now, cancellationToken,
                [
                    field,
                    Record(request),
                    mailbox.InitiatorClaim.Bytes.ToArray(),
                    (int)mailbox.RecipientRights,
                    mailbox.ExpiresAt.ToUnixTimeMilliseconds(),
                    mailbox.DisplayInformation,
                    (int)mailbox.Payload.Algorithm,
                    mailbox.Payload.Data,
                    mailbox.NotificationToken ?? [],
                    mailbox.LatestExpiresAt is { } latest ? latest.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
                    mailbox.PayloadByteBudget is { } budget ? budget : RedisValue.EmptyString,
                    mailbox.PinProtection?.OprfKey ?? [],
                    mailbox.PinProtection?.Verifier ?? [],
                    mailbox.PinProtection is { } pin ? pin.Guesses : RedisValue.EmptyString,
                ]).ConfigureAwait(false);
                if (Status(created) == ScriptStatus.IdTaken)
                {
                    // 122 random bits: a collision means the id source is broken, not bad luck.
                    throw new InvalidOperationException("A new mailbox id is already in use; the id generator is not random.");
                }

                await _connection.ConfirmAsync(created, cancellationToken).ConfigureAwait(false);
                await _connection.GuardAsync(_database.StringSetAsync(reservation, Reservation(Done, mailbox.Id), Lifetime(mailbox.ExpiresAt, now)), cancellationToken).ConfigureAwait(false);
                    return new MailboxWriteResult(MailboxStatus.Ok, MailboxRole.Initiator);
            }

            var current = (byte[]?)await _connection.GuardAsync(_database.StringGetAsync(reservation), cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                continue; // The key lapsed between the two calls: try to take it.
            }

            if (current.Length != 17 || current[0] is not (Pending or Done or Used))
            {
                throw new InvalidOperationException("A create record key holds something this store did not write; is another application using the same key prefix?");
            }

            if (current[0] == Used)
            {
                return MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict); // The id went to another operation.
            }

            var owner = new Guid(current.AsSpan(1));
            var found = await EvaluateAsync(RedisScripts.FindCreate, owner, now, cancellationToken, [field]).ConfigureAwait(false);
            if (Status(found) == ScriptStatus.Replayed && !SameHead((byte[])found.Values[1]!, request))
            {
                return MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
            }

            if (Status(found) == ScriptStatus.Replayed)
            {
                // The first attempt may have ended before its write was confirmed: confirm it now.
                await _connection.ConfirmAsync(found, cancellationToken).ConfigureAwait(false);
                if (current[0] == Pending)
                {
                    // The first attempt created the mailbox but did not live to say so.
                    var expiresAt = found.Values[2].IsNull ? now : DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)found.Values[2]!, System.Globalization.CultureInfo.InvariantCulture));
                    await _connection.GuardAsync(_database.StringSetAsync(reservation, Reservation(Done, owner), Lifetime(expiresAt, now)), cancellationToken).ConfigureAwait(false);
                }

                return Replayed(owner, (byte[])found.Values[1]!);
            }

            if (current[0] == Done)
            {
                return MailboxWriteResult.Failed(MailboxStatus.NotFound); // Created, then deleted or expired.
            }

            if (waited.Elapsed > PendingWait)
            {
                RedisStoreLog.CreateStillPending(_logger);
                throw new StoreUnavailableException("An earlier create with this request id has not finished; retry later.");
            }

            await Task.Delay(PendingPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<MailboxReadResult> ReadAsync(MailboxRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);

        // A long poll watched before reading: its subscription must be in place before the read, or a write on
        // another node between the read and the wait would go unheard.
        await _connection.GuardAsync(_subscriptions.ReadyAsync(read.MailboxId), cancellationToken).ConfigureAwait(false);
        var use = await _connection.GuardAsync(_database.StringGetAsync(_keys.CreateRecord(read.Claim, read.RequestId)), cancellationToken).ConfigureAwait(false);
        if (RequestIdUseOf((byte[]?)use, read.MailboxId) == RequestIdUse.Conflict)
        {
            return MailboxReadResult.Failed(MailboxStatus.RequestIdConflict);
        }

        // The script compares the proof's hash with the verifier; the proof itself never leaves this process.
        var scripted = await EvaluateAsync(RedisScripts.Read, read.MailboxId, read.Now, cancellationToken,
        [
            RecordField(read.Claim, read.RequestId),
            read.Claim.Bytes.ToArray(),
            read.NotificationToken ?? [],
            Record(MailboxOperation.Read, read.Fingerprint, []),
            read.PinProof is { } proof ? System.Security.Cryptography.SHA256.HashData(proof) : [],
            Record(MailboxOperation.WrongPinProof, read.Fingerprint, []),
        ]).ConfigureAwait(false);
        var reply = scripted.Values;

        switch (Status(reply))
        {
            case ScriptStatus.WrongPin:
                // A spent guess is a write a failover must never give back, as a claim is; so is a repeat's first attempt.
                await _connection.ConfirmAsync(scripted, cancellationToken).ConfigureAwait(false);
                var wrong = new MailboxReadResult { Status = MailboxStatus.WrongPin, GuessesLeft = (int)reply[1], Replayed = (int)reply[2] == 1 };
                if (wrong.Replayed)
                {
                    return wrong;
                }

                wrong = wrong with { ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(reply[3])), InitiatorToken = (byte[]?)reply[4] };
                NoteRequestId(read.Claim, read.RequestId, read.MailboxId, wrong.ExpiresAt, read.Now);
                _signals.Publish(read.MailboxId, new MailboxChange(MailboxEventKind.PinFailed, MailboxRole.Recipient));
                return wrong;
            case ScriptStatus.Ok:
                var result = new MailboxReadResult
                {
                    Status = MailboxStatus.Ok,
                    Role = (MailboxRole)(int)reply[1],
                    NewlyBound = (int)reply[2] == 1,
                    DisplayInformation = (byte[])reply[3]!,
                    ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(reply[4])),
                    OtherPayload = reply[5].IsNull ? null : new StoredPayload((PayloadAlgorithm)ParseLong(reply[5]), (byte[])reply[6]!),
                    OtherSequence = (long)reply[7],
                    InitiatorToken = (byte[]?)reply[8],
                    Replayed = (int)reply[9] == 1,
                };

                // The claim that binds is the one a failover must never undo.
                if (result.NewlyBound || result.Replayed)
                {
                    await _connection.ConfirmAsync(scripted, cancellationToken).ConfigureAwait(false);
                }

                if (result.NewlyBound && !result.Replayed)
                {
                    NoteRequestId(read.Claim, read.RequestId, read.MailboxId, result.ExpiresAt, read.Now);
                }

                if (result.NewlyBound || read.NotificationToken is not null)
                {
                    _signals.Publish(read.MailboxId);
                }

                return result;
            case var status:
                return MailboxReadResult.Failed(ToMailboxStatus(status));
        }
    }

    public async Task<MailboxWriteResult> UpdateAsync(MailboxUpdate update, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(request);
        var payload = update.Payload;
        var use = await UseRequestIdAsync(request, update.MailboxId, cancellationToken).ConfigureAwait(false);
        if (use == RequestIdUse.Conflict)
        {
            return MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
        }

        var reply = await EvaluateAsync(RedisScripts.Update, update.MailboxId, update.Now, cancellationToken,
        [
            RecordField(request),
            Record(request),
            update.Claim.Bytes.ToArray(),
            payload is null ? "0" : "1",
            payload is null ? RedisValue.EmptyString : (int)payload.Algorithm,
            payload?.Data ?? [],
            update.DisplayInformation ?? [],
            update.RecipientRights is { } rights ? (int)rights : RedisValue.EmptyString,
            update.ExpiresAt is { } expiresAt ? expiresAt.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
            update.NotificationToken ?? [],
        ]).ConfigureAwait(false);
        return Published(update.MailboxId, await ConfirmedAsync(reply, request, use, update.MailboxId, update.Now, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MailboxWriteResult> DeleteAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var use = await UseRequestIdAsync(request, mailboxId, cancellationToken).ConfigureAwait(false);
        if (use == RequestIdUse.Conflict)
        {
            return MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
        }

        var reply = await EvaluateAsync(RedisScripts.Delete, mailboxId, now, cancellationToken,
            [RecordField(request), Record(request), claim.Bytes.ToArray()]).ConfigureAwait(false);
        var result = await ConfirmedAsync(reply, request, use, mailboxId, now, cancellationToken).ConfigureAwait(false);
        if (result.Status == MailboxStatus.Ok)
        {
            _signals.PublishDeleted(mailboxId, result.Role);
        }

        return result;
    }

    public async Task<MailboxWriteResult> RelinquishAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var use = await UseRequestIdAsync(request, mailboxId, cancellationToken).ConfigureAwait(false);
        if (use == RequestIdUse.Conflict)
        {
            return MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
        }

        var reply = await EvaluateAsync(RedisScripts.Relinquish, mailboxId, now, cancellationToken,
            [RecordField(request), Record(request), claim.Bytes.ToArray()]).ConfigureAwait(false);
        return Published(mailboxId, await ConfirmedAsync(reply, request, use, mailboxId, now, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MailboxPreview?> GetPreviewAsync(Guid mailboxId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One key, read only: no script needed.
        var fields = await _connection.GuardAsync(_database.HashGetAsync(_keys.Mailbox(mailboxId), [DisplayField, ExpiryField]), cancellationToken).ConfigureAwait(false);
        if (fields[0].IsNull || fields[1].IsNull)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]);
        return expiresAt <= now ? null : new MailboxPreview((byte[])fields[0]!, expiresAt);
    }

    public async Task<MailboxEventsResult> ReadEventsAsync(Guid mailboxId, ClaimHash claim, long afterSequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // An event stream watches before it reads, as a long poll does: the same wait for its subscription.
        await _connection.GuardAsync(_subscriptions.ReadyAsync(mailboxId), cancellationToken).ConfigureAwait(false);
        var reply = (await EvaluateAsync(RedisScripts.ReadEvents, mailboxId, now, cancellationToken, [claim.Bytes.ToArray()]).ConfigureAwait(false)).Values;
        if (Status(reply) != ScriptStatus.Ok)
        {
            return MailboxEventsResult.Failed(ToMailboxStatus(Status(reply)));
        }

        var role = (int)reply[1];
        var last = (long)reply[3];
        return new MailboxEventsResult
        {
            Status = MailboxStatus.Ok,
            Role = role == 0 ? null : (MailboxRole)role,
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(reply[2])),
            LastSequence = last,
            Events = EventsAfter((byte[])reply[4]!, last, afterSequence),
        };
    }

    public async Task<MailboxPinKeyResult> ReadPinKeyAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reply = (await EvaluateAsync(RedisScripts.ReadPinKey, mailboxId, now, cancellationToken, [claim.Bytes.ToArray()]).ConfigureAwait(false)).Values;
        return Status(reply) == ScriptStatus.Ok
            ? new MailboxPinKeyResult { Status = MailboxStatus.Ok, OprfKey = (byte[])reply[1]!, GuessesLeft = (int)reply[2] }
            : MailboxPinKeyResult.Failed(ToMailboxStatus(Status(reply)));
    }

    public async Task DropNotificationTokenAsync(Guid mailboxId, MailboxRole side, byte[] token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await EvaluateAsync(RedisScripts.DropToken, mailboxId, _time.GetUtcNow(), cancellationToken,
            [side == MailboxRole.Initiator ? "i" : "r", token]).ConfigureAwait(false);
    }

    public MailboxWatch Watch(Guid mailboxId) => _subscriptions.Watch(mailboxId);

    // Answering is not enough: a full Redis answers pings but refuses every write. Redis refuses a write while it is
    // over maxmemory, whatever its size, so the probe's own write taken means there is room again: the health
    // recovers by itself, without waiting for a client's write.
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        await _connection.IsHealthyAsync(HealthTimeout, cancellationToken).ConfigureAwait(false)
        && await _connection.CanWriteAsync(_keys.HealthOfSlot, HealthTimeout, cancellationToken).ConfigureAwait(false);

    /// <summary>Stops listening for other nodes' changes; the connection itself belongs to its owner.</summary>
    public void Dispose() => _subscriptions.Clear();

    // This node's waiters hear of a change at once; other nodes' through the script's SPUBLISH.
    private MailboxWriteResult Published(Guid mailboxId, MailboxWriteResult result)
    {
        if (result.Status == MailboxStatus.Ok)
        {
            _signals.Publish(mailboxId);
        }

        return result;
    }

    // A change message from any node (this one's too): a delete's names the side that deleted, so that this node's
    // event streams can say who ended the mailbox; every other change's is empty.
    private void OnChangeMessage(Guid mailboxId, RedisValue message)
    {
        if (message == DeletedByInitiator)
        {
            _signals.PublishDeleted(mailboxId, MailboxRole.Initiator);
        }
        else if (message == DeletedByRecipient)
        {
            _signals.PublishDeleted(mailboxId, MailboxRole.Recipient);
        }
        else
        {
            _signals.Publish(mailboxId);
        }
    }
}
