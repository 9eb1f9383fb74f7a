using Microsoft.Data.Sqlite;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Mailbox;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>
/// The embedded mailbox store, on the relay's <see cref="SqliteDatabase"/>. Each operation is one transaction, so
/// first claim wins, an update and its idempotency record are written together, and expiry is exact.
/// </summary>
internal sealed partial class SqliteMailboxStore : IMailboxStore
{
    /// <summary>How many of its latest events a mailbox keeps; a stream resuming from further back gets these.</summary>
    public const int KeptEvents = 256;

    private readonly SqliteDatabase _database;
    private readonly MailboxSignals _signals;
    private readonly Statements _sql;

    public SqliteMailboxStore(SqliteDatabase database, MailboxSignals signals)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _signals = signals;
        _sql = new Statements(database);
    }

    public async Task<MailboxWriteResult> CreateAsync(NewMailbox mailbox, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(request);
        var result = await _database.RunAsync(transaction =>
        {
            if (FindResponse(transaction, request.Claim, request.RequestId) is { } earlier)
            {
                // Answered while the mailbox exists; its expiry is checked by every later request.
                return Replayed(transaction, earlier, request, mailbox.Id, DateTimeOffset.MinValue);
            }

            var insert = _sql.InsertMailbox.Use(transaction);
            insert.Parameters["$id"].Value = mailbox.Id.ToByteArray();
            insert.Parameters["$initiator"].Value = mailbox.InitiatorClaim.Bytes.ToArray();
            insert.Parameters["$rights"].Value = (int)mailbox.RecipientRights;
            insert.Parameters["$expires"].Value = mailbox.ExpiresAt.ToUnixTimeMilliseconds();
            insert.Parameters["$display"].Value = mailbox.DisplayInformation;
            insert.Parameters["$cipher"].Value = (int)mailbox.Payload.Algorithm;
            insert.Parameters["$data"].Value = mailbox.Payload.Data;
            insert.Parameters["$token"].Value = (object?)mailbox.NotificationToken ?? DBNull.Value;
            insert.Parameters["$latest"].Value = mailbox.LatestExpiresAt is { } latest ? latest.ToUnixTimeMilliseconds() : DBNull.Value;
            insert.Parameters["$budget"].Value = mailbox.PayloadByteBudget is { } budget ? budget : DBNull.Value;
            insert.ExecuteNonQuery();
            InsertRequest(transaction, mailbox.Id, mailbox.ExpiresAt, request);
            return new MailboxWriteResult(MailboxStatus.Ok, MailboxRole.Initiator);
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<MailboxReadResult> ReadAsync(MailboxRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);

        // A bound side reading without registering a token changes nothing: it skips the writer. A read that may
        // bind the claim (first claim wins) or registers a token goes to the writer.
        if (read.NotificationToken is null && _database.Read(scope => ReadWithoutWriting(scope, read)) is { } answered)
        {
            return answered;
        }

        var result = await _database.RunAsync(transaction =>
        {
            // Only a read that bound the claim has a record, and it holds no answer: a replay is read again (P1/2.1).
            var replayed = false;
            if (FindResponse(transaction, read.Claim, read.RequestId) is { } earlier)
            {
                if (!earlier.Matches(MailboxOperation.Read, read.MailboxId, read.Fingerprint))
                {
                    return MailboxReadResult.Failed(MailboxStatus.RequestIdConflict);
                }

                replayed = true;
            }

            if (LoadMailbox(transaction, read.MailboxId, read.Now) is not { } row)
            {
                return MailboxReadResult.Failed(MailboxStatus.NotFound);
            }

            var newlyBound = false;
            var role = RoleOf(row, read.Claim);
            if (role is null)
            {
                if (row.RecipientClaim is not null)
                {
                    return MailboxReadResult.Failed(MailboxStatus.WrongClaim);
                }

                // First claim wins: the UPDATE is conditional and the transaction holds the write lock.
                if ((row.Rights & MailboxAccessRights.Read) == 0)
                {
                    return MailboxReadResult.Failed(MailboxStatus.MissingRight);
                }

                var bind = _sql.BindRecipient.Use(transaction);
                bind.Parameters["$id"].Value = read.MailboxId.ToByteArray();
                bind.Parameters["$claim"].Value = read.Claim.Bytes.ToArray();
                var bound = bind.ExecuteNonQuery() == 1;
                System.Diagnostics.Debug.Assert(bound, "The row was read in this transaction, unbound.");
                role = MailboxRole.Recipient;
                newlyBound = true;
                AppendEvent(transaction, read.MailboxId, MailboxEventKind.Claimed, MailboxRole.Recipient);
                if (!replayed)
                {
                    var record = new RequestRecord(read.Claim, read.RequestId, MailboxOperation.Read, []) { Fingerprint = read.Fingerprint };
                    InsertRequest(transaction, read.MailboxId, row.ExpiresAt, record);
                }
            }
            else if (role == MailboxRole.Recipient && (row.Rights & MailboxAccessRights.Read) == 0)
            {
                return MailboxReadResult.Failed(MailboxStatus.MissingRight);
            }

            if (read.NotificationToken is not null)
            {
                SetToken(transaction, read.MailboxId, role.Value, read.NotificationToken);
            }

            return Answer(row, role.Value, read, replayed, newlyBound);
        }, cancellationToken).ConfigureAwait(false);

        if (result.NewlyBound)
        {
            _signals.Publish(read.MailboxId, new MailboxChange(MailboxEventKind.Claimed, MailboxRole.Recipient));
        }
        else if (read.NotificationToken is not null)
        {
            _signals.Publish(read.MailboxId);
        }

        return result;
    }

    /// <summary>
    /// The read on a read-only connection, or <see langword="null"/> if it must run on the writer (it would bind).
    /// </summary>
    private MailboxReadResult? ReadWithoutWriting(SqliteDatabase.ReadScope scope, MailboxRead read)
    {
        var replayed = false;
        if (FindResponse(scope.Command(_sql.ReadRequest), read.Claim, read.RequestId) is { } earlier)
        {
            if (!earlier.Matches(MailboxOperation.Read, read.MailboxId, read.Fingerprint))
            {
                return MailboxReadResult.Failed(MailboxStatus.RequestIdConflict);
            }

            replayed = true;
        }

        if (LoadMailbox(scope.Command(_sql.ReadMailbox), read.MailboxId, read.Now) is not { } row)
        {
            return MailboxReadResult.Failed(MailboxStatus.NotFound);
        }

        switch (RoleOf(row, read.Claim))
        {
            case null when row.RecipientClaim is null:
                return null;
            case null:
                return MailboxReadResult.Failed(MailboxStatus.WrongClaim);
            case MailboxRole.Recipient when (row.Rights & MailboxAccessRights.Read) == 0:
                return MailboxReadResult.Failed(MailboxStatus.MissingRight);
            case { } role:
                return Answer(row, role, read, replayed, newlyBound: false);
        }
    }

    private static MailboxReadResult Answer(MailboxRow row, MailboxRole role, MailboxRead read, bool replayed, bool newlyBound)
    {
        var other = role == MailboxRole.Initiator ? row.RecipientSlot : row.InitiatorSlot;
        return new MailboxReadResult
        {
            Status = MailboxStatus.Ok,
            Role = role,
            NewlyBound = newlyBound,
            Replayed = replayed,
            DisplayInformation = row.Display,
            ExpiresAt = row.ExpiresAt,
            OtherPayload = other.Payload,
            OtherSequence = other.Sequence,
            InitiatorToken = role == MailboxRole.Initiator && read.NotificationToken is not null ? read.NotificationToken : row.InitiatorToken,
        };
    }

    public async Task<MailboxWriteResult> UpdateAsync(MailboxUpdate update, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(request);
        var result = await _database.RunAsync(transaction =>
        {
            if (FindResponse(transaction, request.Claim, request.RequestId) is { } earlier)
            {
                return Replayed(transaction, earlier, request, update.MailboxId, update.Now);
            }

            if (LoadMailbox(transaction, update.MailboxId, update.Now) is not { } row)
            {
                return MailboxWriteResult.Failed(MailboxStatus.NotFound);
            }

            if (RoleOf(row, update.Claim) is not { } role)
            {
                return MailboxWriteResult.Failed(MailboxStatus.WrongClaim);
            }

            if (role == MailboxRole.Recipient)
            {
                var settingsChange = update.DisplayInformation is not null || update.RecipientRights is not null || update.ExpiresAt is not null;
                var writeWithoutRight = update.Payload is not null && (row.Rights & MailboxAccessRights.Write) == 0;
                if (settingsChange || writeWithoutRight)
                {
                    return MailboxWriteResult.Failed(MailboxStatus.MissingRight);
                }
            }

            if (update.Payload is { } message && row.PayloadBudget is { } budget && row.PayloadWritten + message.Data.Length > budget)
            {
                return MailboxWriteResult.Failed(MailboxStatus.PayloadBudgetExhausted);
            }

            // The maximum TTL counts from the creation: no update moves the expiry past the mailbox's latest.
            var newExpiry = update.ExpiresAt is { } requested && row.LatestExpiresAt is { } latest && requested > latest ? latest : update.ExpiresAt;
            var id = update.MailboxId.ToByteArray();
            if (update.Payload is { } payload)
            {
                var write = (role == MailboxRole.Initiator ? _sql.WriteInitiatorSlot : _sql.WriteRecipientSlot).Use(transaction);
                write.Parameters["$id"].Value = id;
                write.Parameters["$cipher"].Value = (int)payload.Algorithm;
                write.Parameters["$data"].Value = payload.Data;
                write.ExecuteNonQuery();
            }

            if (update.DisplayInformation is not null || update.RecipientRights is not null || update.ExpiresAt is not null)
            {
                var settings = _sql.UpdateSettings.Use(transaction);
                settings.Parameters["$id"].Value = id;
                settings.Parameters["$display"].Value = (object?)update.DisplayInformation ?? DBNull.Value;
                settings.Parameters["$rights"].Value = update.RecipientRights is { } rights ? (int)rights : DBNull.Value;
                settings.Parameters["$expires"].Value = newExpiry is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value;
                settings.ExecuteNonQuery();
            }

            if (update.NotificationToken is not null)
            {
                SetToken(transaction, update.MailboxId, role, update.NotificationToken);
            }

            // Registering a token alone changes nothing the other side could read.
            if (update.Payload is not null || update.DisplayInformation is not null || update.RecipientRights is not null || update.ExpiresAt is not null)
            {
                AppendEvent(transaction, update.MailboxId, MailboxEventKind.Updated, role);
            }

            var expiresAt = newExpiry ?? row.ExpiresAt;
            InsertRequest(transaction, update.MailboxId, expiresAt, request);
            return new MailboxWriteResult(MailboxStatus.Ok, role)
            {
                ExpiresAt = expiresAt,
                InitiatorToken = role == MailboxRole.Initiator ? update.NotificationToken ?? row.InitiatorToken : row.InitiatorToken,
                RecipientToken = role == MailboxRole.Recipient ? update.NotificationToken ?? row.RecipientToken : row.RecipientToken,
            };
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status == MailboxStatus.Ok)
        {
            // A token registered alone changes nothing the other side could read: the watch is told no event.
            var visible = update.Payload is not null || update.DisplayInformation is not null || update.RecipientRights is not null || update.ExpiresAt is not null;
            _signals.Publish(update.MailboxId, visible ? new MailboxChange(MailboxEventKind.Updated, result.Role) : null);
        }

        return result;
    }

    public async Task<MailboxWriteResult> DeleteAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _database.RunAsync(transaction =>
        {
            if (FindResponse(transaction, request.Claim, request.RequestId) is { } earlier)
            {
                // The delete's record outlives the mailbox, so the replay is answered even though it is gone.
                return earlier.Matches(request.Operation, mailboxId, request.Fingerprint)
                    ? new MailboxWriteResult(MailboxStatus.Replayed, Replay: earlier.Response)
                    : MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
            }

            if (LoadMailbox(transaction, mailboxId, now) is not { } row)
            {
                return MailboxWriteResult.Failed(MailboxStatus.NotFound);
            }

            if (RoleOf(row, claim) is not { } role)
            {
                return MailboxWriteResult.Failed(MailboxStatus.WrongClaim);
            }

            if (role == MailboxRole.Recipient && (row.Rights & MailboxAccessRights.Delete) == 0)
            {
                return MailboxWriteResult.Failed(MailboxStatus.MissingRight);
            }

            RemoveMailbox(transaction, mailboxId);

            // Only the delete's own answer outlives the mailbox, so a retried delete still gets its 201.
            InsertRequest(transaction, mailboxId, row.ExpiresAt, request);
            return new MailboxWriteResult(MailboxStatus.Ok, role, WasClaimed: row.RecipientClaim is not null)
            {
                ExpiresAt = row.ExpiresAt,
                InitiatorToken = row.InitiatorToken,
                RecipientToken = row.RecipientToken,
            };
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status == MailboxStatus.Ok)
        {
            _signals.PublishDeleted(mailboxId, result.Role);
        }

        return result;
    }

    public async Task<MailboxWriteResult> RelinquishAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, RequestRecord request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _database.RunAsync(transaction =>
        {
            if (FindResponse(transaction, request.Claim, request.RequestId) is { } earlier)
            {
                return Replayed(transaction, earlier, request, mailboxId, now);
            }

            if (LoadMailbox(transaction, mailboxId, now) is not { } row)
            {
                return MailboxWriteResult.Failed(MailboxStatus.NotFound);
            }

            if (RoleOf(row, claim) != MailboxRole.Recipient)
            {
                return MailboxWriteResult.Failed(MailboxStatus.WrongClaim);
            }

            var id = mailboxId.ToByteArray();
            var relinquish = _sql.Relinquish.Use(transaction);
            relinquish.Parameters["$id"].Value = id;
            relinquish.ExecuteNonQuery();
            _database.ContentRemoved();

            // The departing device's earlier answers held the initiator's messages; they go with it.
            var forget = _sql.DeleteRequestsOfClaim.Use(transaction);
            forget.Parameters["$mailbox"].Value = id;
            forget.Parameters["$claim"].Value = claim.Bytes.ToArray();
            forget.ExecuteNonQuery();
            AppendEvent(transaction, mailboxId, MailboxEventKind.Relinquished, MailboxRole.Recipient);
            InsertRequest(transaction, mailboxId, row.ExpiresAt, request);
            return new MailboxWriteResult(MailboxStatus.Ok, MailboxRole.Recipient)
            {
                ExpiresAt = row.ExpiresAt,
                InitiatorToken = row.InitiatorToken,
            };
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status == MailboxStatus.Ok)
        {
            _signals.Publish(mailboxId, new MailboxChange(MailboxEventKind.Relinquished, MailboxRole.Recipient));
        }

        return result;
    }

    public Task<MailboxPreview?> GetPreviewAsync(Guid mailboxId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read(scope =>
        {
            var select = scope.Command(_sql.ReadPreview);
            select.Parameters["$id"].Value = mailboxId.ToByteArray();
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            return expiresAt <= now ? null : new MailboxPreview((byte[])reader.GetValue(0), expiresAt);
        }));

    public async Task<SweepResult> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int BatchSize = 500;
        var expired = new List<Guid>();
        var tokens = new List<MailboxTokens>();
        var claimed = 0;
        int found;
        do
        {
            // Short transactions, so a large sweep never holds up requests for long.
            found = await _database.RunAsync(transaction =>
            {
                var select = _sql.SelectExpired.Use(transaction);
                select.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
                select.Parameters["$limit"].Value = BatchSize;
                var batch = new List<(Guid Id, bool Claimed, byte[]? InitiatorToken, byte[]? RecipientToken)>();
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        batch.Add((new Guid((byte[])reader.GetValue(0)), reader.GetBoolean(1), ReadBlob(reader, 2), ReadBlob(reader, 3)));
                    }
                }

                foreach (var (id, wasClaimed, initiatorToken, recipientToken) in batch)
                {
                    RemoveMailbox(transaction, id);
                    expired.Add(id);
                    claimed += wasClaimed ? 1 : 0;
                    if (initiatorToken is not null || recipientToken is not null)
                    {
                        tokens.Add(new MailboxTokens(id, initiatorToken, recipientToken));
                    }
                }

                return batch.Count;
            }, cancellationToken).ConfigureAwait(false);
        }
        while (found == BatchSize);

        await _database.RunAsync(transaction =>
        {
            var purge = _sql.DeleteExpiredRequests.Use(transaction);
            purge.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
            return purge.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);

        foreach (var id in expired)
        {
            _signals.Publish(id, new MailboxChange(MailboxEventKind.Expired, Side: null));
        }

        return new SweepResult(expired, claimed) { NotificationTokens = tokens };
    }

    public Task<MailboxEventsResult> ReadEventsAsync(Guid mailboxId, ClaimHash claim, long afterSequence, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read(scope =>
        {
            var id = mailboxId.ToByteArray();
            var sides = scope.Command(_sql.ReadSides);
            sides.Parameters["$id"].Value = id;
            MailboxRole? role;
            DateTimeOffset expiresAt;
            using (var reader = sides.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return MailboxEventsResult.Failed(MailboxStatus.NotFound);
                }

                expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
                if (expiresAt <= now)
                {
                    return MailboxEventsResult.Failed(MailboxStatus.NotFound);
                }

                role = claim.Matches((byte[])reader.GetValue(0)) ? MailboxRole.Initiator
                    : !reader.IsDBNull(1) && claim.Matches((byte[])reader.GetValue(1)) ? MailboxRole.Recipient
                    : null;
            }

            var select = scope.Command(_sql.ReadEvents);
            select.Parameters["$id"].Value = id;
            select.Parameters["$after"].Value = afterSequence;
            select.Parameters["$limit"].Value = KeptEvents;
            var events = new List<MailboxEvent>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    var side = reader.GetInt32(2);
                    events.Add(new MailboxEvent(reader.GetInt64(0), (MailboxEventKind)reader.GetInt32(1), side == 0 ? null : (MailboxRole)side));
                }
            }

            var last = scope.Command(_sql.ReadLastEvent);
            last.Parameters["$id"].Value = id;
            return new MailboxEventsResult
            {
                Status = MailboxStatus.Ok,
                Role = role,
                ExpiresAt = expiresAt,
                LastSequence = Convert.ToInt64(last.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture),
                Events = events,
            };
        }));

    public Task DropNotificationTokenAsync(Guid mailboxId, MailboxRole side, byte[] token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _database.RunAsync(transaction =>
        {
            var drop = (side == MailboxRole.Initiator ? _sql.DropInitiatorToken : _sql.DropRecipientToken).Use(transaction);
            drop.Parameters["$id"].Value = mailboxId.ToByteArray();
            drop.Parameters["$token"].Value = token;
            return drop.ExecuteNonQuery();
        }, cancellationToken);
    }

    public MailboxWatch Watch(Guid mailboxId) => _signals.Watch(mailboxId);

    // Healthy only if a small write commits now and no request's change has failed to commit since the last that did.
    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => _database.ProbeWriteAsync(cancellationToken);

    private Earlier? FindResponse(SqliteTransaction transaction, ClaimHash claim, Guid requestId) =>
        FindResponse(_sql.SelectRequest.Use(transaction), claim, requestId);

    private static Earlier? FindResponse(SqliteCommand select, ClaimHash claim, Guid requestId)
    {
        select.Parameters["$claim"].Value = claim.Bytes.ToArray();
        select.Parameters["$request"].Value = requestId.ToByteArray();
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? new Earlier(
                new StoredResponse(new Guid((byte[])reader.GetValue(0)), (MailboxOperation)reader.GetInt32(1), (byte[])reader.GetValue(2)),
                ReadBlob(reader, 3) ?? [])
            : null;
    }

    /// <summary>
    /// The answer to a repeated request id: the stored first answer while the mailbox is live, else not found; a
    /// record of another operation, mailbox or body is a conflict.
    /// </summary>
    private MailboxWriteResult Replayed(SqliteTransaction transaction, Earlier earlier, RequestRecord request, Guid mailboxId, DateTimeOffset now)
    {
        if (!earlier.Matches(request.Operation, mailboxId, request.Fingerprint))
        {
            return MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
        }

        return LoadMailbox(transaction, earlier.Response.MailboxId, now) is null
            ? MailboxWriteResult.Failed(MailboxStatus.NotFound)
            : new MailboxWriteResult(MailboxStatus.Replayed, Replay: earlier.Response);
    }

    /// <summary>Records a request, numbered in its mailbox; past <see cref="IMailboxStore.KeptRequests"/> the oldest go.</summary>
    private void InsertRequest(SqliteTransaction transaction, Guid mailboxId, DateTimeOffset expiresAt, RequestRecord request)
    {
        var id = mailboxId.ToByteArray();

        // A delete's record has no mailbox row left to number it: it is the mailbox's only record.
        var next = _sql.NextRequestNumber.Use(transaction);
        next.Parameters["$id"].Value = id;
        var number = next.ExecuteScalar() is long n ? n : 0;
        var insert = _sql.InsertRequest.Use(transaction);
        insert.Parameters["$claim"].Value = request.Claim.Bytes.ToArray();
        insert.Parameters["$request"].Value = request.RequestId.ToByteArray();
        insert.Parameters["$mailbox"].Value = id;
        insert.Parameters["$operation"].Value = (int)request.Operation;
        insert.Parameters["$body"].Value = request.Body;
        insert.Parameters["$expires"].Value = expiresAt.ToUnixTimeMilliseconds();
        insert.Parameters["$seq"].Value = number;
        insert.Parameters["$fingerprint"].Value = request.Fingerprint;
        insert.ExecuteNonQuery();
        if (number > IMailboxStore.KeptRequests)
        {
            var prune = _sql.PruneRequests.Use(transaction);
            prune.Parameters["$mailbox"].Value = id;
            prune.Parameters["$below"].Value = number - IMailboxStore.KeptRequests;
            prune.ExecuteNonQuery();
        }
    }

    private MailboxRow? LoadMailbox(SqliteTransaction transaction, Guid mailboxId, DateTimeOffset now) =>
        LoadMailbox(_sql.SelectMailbox.Use(transaction), mailboxId, now);

    private static MailboxRow? LoadMailbox(SqliteCommand select, Guid mailboxId, DateTimeOffset now)
    {
        select.Parameters["$id"].Value = mailboxId.ToByteArray();
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));

        // Exact expiry (P7): the sweeper may not have run yet, but an expired mailbox is never served.
        if (expiresAt <= now)
        {
            return null;
        }

        return new MailboxRow(
            InitiatorClaim: (byte[])reader.GetValue(0),
            RecipientClaim: reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1),
            Rights: (MailboxAccessRights)reader.GetInt32(2),
            ExpiresAt: expiresAt,
            Display: (byte[])reader.GetValue(4),
            InitiatorSlot: ReadSlot(reader, 5),
            RecipientSlot: ReadSlot(reader, 8),
            InitiatorToken: ReadBlob(reader, 11),
            RecipientToken: ReadBlob(reader, 12),
            LatestExpiresAt: reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
            PayloadBudget: reader.IsDBNull(14) ? null : reader.GetInt64(14),
            PayloadWritten: reader.GetInt64(15));
    }

    private static byte[]? ReadBlob(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    /// <summary>Appends to the mailbox's event log in the caller's transaction, keeping the latest <see cref="KeptEvents"/>.</summary>
    private void AppendEvent(SqliteTransaction transaction, Guid mailboxId, MailboxEventKind kind, MailboxRole? side)
    {
        var id = mailboxId.ToByteArray();
        var insert = _sql.InsertEvent.Use(transaction);
        insert.Parameters["$id"].Value = id;
        insert.Parameters["$kind"].Value = (int)kind;
        insert.Parameters["$side"].Value = side is { } role ? (int)role : 0;
        var sequence = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        // Pruning in steps keeps the common write at one statement.
        if (sequence > KeptEvents && sequence % 32 == 0)
        {
            var prune = _sql.PruneEvents.Use(transaction);
            prune.Parameters["$id"].Value = id;
            prune.Parameters["$below"].Value = sequence - KeptEvents;
            prune.ExecuteNonQuery();
        }
    }

    private static Slot ReadSlot(SqliteDataReader reader, int first)
    {
        var payload = reader.IsDBNull(first)
            ? null
            : new StoredPayload((PayloadAlgorithm)reader.GetInt32(first), (byte[])reader.GetValue(first + 1));
        return new Slot(payload, reader.GetInt64(first + 2));
    }

    private static MailboxRole? RoleOf(MailboxRow row, ClaimHash claim)
    {
        if (claim.Matches(row.InitiatorClaim))
        {
            return MailboxRole.Initiator;
        }

        return row.RecipientClaim is not null && claim.Matches(row.RecipientClaim) ? MailboxRole.Recipient : null;
    }

    private void SetToken(SqliteTransaction transaction, Guid mailboxId, MailboxRole role, byte[] token)
    {
        var set = (role == MailboxRole.Initiator ? _sql.SetInitiatorToken : _sql.SetRecipientToken).Use(transaction);
        set.Parameters["$id"].Value = mailboxId.ToByteArray();
        set.Parameters["$token"].Value = token;
        set.ExecuteNonQuery();
    }

    private void RemoveMailbox(SqliteTransaction transaction, Guid mailboxId)
    {
        var id = mailboxId.ToByteArray();
        var delete = _sql.DeleteMailbox.Use(transaction);
        delete.Parameters["$id"].Value = id;
        delete.ExecuteNonQuery();
        var forget = _sql.DeleteRequestsOfMailbox.Use(transaction);
        forget.Parameters["$mailbox"].Value = id;
        forget.ExecuteNonQuery();
        var events = _sql.DeleteEventsOfMailbox.Use(transaction);
        events.Parameters["$id"].Value = id;
        events.ExecuteNonQuery();
        _database.ContentRemoved();
    }

    private sealed record MailboxRow(
        byte[] InitiatorClaim,
        byte[]? RecipientClaim,
        MailboxAccessRights Rights,
        DateTimeOffset ExpiresAt,
        byte[] Display,
        Slot InitiatorSlot,
        Slot RecipientSlot,
        byte[]? InitiatorToken,
        byte[]? RecipientToken,
        DateTimeOffset? LatestExpiresAt,
        long? PayloadBudget,
        long PayloadWritten);

    private readonly record struct Slot(StoredPayload? Payload, long Sequence);

    /// <summary>A request record found under a repeated id, with the fingerprint of the body it was sent with.</summary>
    private sealed record Earlier(StoredResponse Response, byte[] Fingerprint)
    {
        // A create's caller does not know the mailbox id yet; every other request names it.
        public bool Matches(MailboxOperation operation, Guid mailboxId, byte[] fingerprint) =>
            Response.Operation == operation
            && (operation == MailboxOperation.Create || Response.MailboxId == mailboxId)
            && RequestRecord.SameFingerprint(Fingerprint, fingerprint);
    }
}
