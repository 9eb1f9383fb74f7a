using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>
/// The embedded mailbox store, on the relay's <see cref="SqliteDatabase"/>. Each operation is one transaction, so
/// first claim wins, an update and its idempotency record are written together, and expiry is exact.
/// </summary>
internal sealed partial class SqliteMailboxStore : IMailboxStore
{
    /// <summary>How many of its latest events a mailbox keeps; a stream resuming from further back gets these.</summary>
    public const int KeptEvents = 256;

    /// <summary>
    /// The stored operation of a create whose mailbox was deleted: its record is kept, without its answer, until the
    /// mailbox would have expired. Not a <see cref="MailboxOperation"/> a request can have.
    /// </summary>
    internal const MailboxOperation DeletedCreate = (MailboxOperation)7;

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
                // The create of a mailbox deleted since: not found (docs/protocol.md section 7.7), never a new mailbox.
                if (earlier.Response.Operation == DeletedCreate)
                {
                    return RequestRecord.SameFingerprint(earlier.Fingerprint, request.Fingerprint)
                        ? MailboxWriteResult.Failed(MailboxStatus.NotFound)
                        : MailboxWriteResult.Failed(MailboxStatus.RequestIdConflict);
                }

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
            insert.Parameters["$pinKey"].Value = (object?)mailbox.PinProtection?.OprfKey ?? DBNull.Value;
            insert.Parameters["$pinVerifier"].Value = (object?)mailbox.PinProtection?.Verifier ?? DBNull.Value;
            insert.Parameters["$pinGuesses"].Value = mailbox.PinProtection is { } pin ? pin.Guesses : DBNull.Value;
            insert.ExecuteNonQuery();

            // The create's record is the mailbox's first (the row starts with requests = 1).
            InsertRequest(transaction, mailbox.Id, mailbox.ExpiresAt, request, number: 1, sides: null);
            return new MailboxWriteResult(MailboxStatus.Ok, MailboxRole.Initiator);
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<MailboxReadResult> ReadAsync(MailboxRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);

        // A bound side reading without registering a token changes nothing: while the writer is busy it is answered
        // beside it. A read that may bind the claim (first claim wins) or registers a token goes to the writer, and
        // so does any read while the writer is idle: one pass there costs less than a read that may find it must bind.
        if (read.NotificationToken is null && !_database.WriterIdle && _database.Read(scope => ReadWithoutWriting(scope, read)) is { } answered)
        {
            return answered;
        }

        var result = await _database.RunAsync(transaction =>
        {
            // Only a read that bound the claim has a record, and it holds no answer: a replay is read again (P1/2.1).
            var replayed = false;
            if (FindResponse(transaction, read.Claim, read.RequestId) is { } earlier)
            {
                // A repeat of a wrong PIN proof is answered from its record and spends nothing.
                if (earlier.Matches(MailboxOperation.WrongPinProof, read.MailboxId, read.Fingerprint))
                {
                    return LoadMailbox(transaction, read.MailboxId, read.Now) is null
                        ? MailboxReadResult.Failed(MailboxStatus.NotFound)
                        : new MailboxReadResult { Status = MailboxStatus.WrongPin, GuessesLeft = GuessesOf(earlier.Response.Body), Replayed = true };
                }

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
            var ledger = row.Ledger;
            var role = RoleOf(row, read.Claim);
            if (role is null)
            {
                if (row.RecipientClaim is not null)
                {
                    return MailboxReadResult.Failed(MailboxStatus.WrongClaim);
                }

                if (row.PinGuesses == 0)
                {
                    return MailboxReadResult.Failed(MailboxStatus.PinLocked);
                }

                // First claim wins: the UPDATE is conditional and the transaction holds the write lock.
                if ((row.Rights & MailboxAccessRights.Read) == 0)
                {
                    return MailboxReadResult.Failed(MailboxStatus.MissingRight);
                }

                // The relay-assisted PIN: a claim binds only with a proof, and a wrong one spends a guess in this step.
                if (row.PinGuesses is { } guesses)
                {
                    if (read.PinProof is null)
                    {
                        return MailboxReadResult.Failed(MailboxStatus.PinRequired);
                    }

                    if (!RelayPin.VerifyProof(read.PinProof, row.PinVerifier))
                    {
                        return SpendGuess(transaction, row, read, guesses - 1);
                    }
                }

                ledger = ledger.WithEvent(MailboxEventKind.Claimed, MailboxRole.Recipient);
                ledger = replayed ? ledger : ledger.WithRequest();
                var bind = _sql.BindRecipient.Use(transaction);
                bind.Parameters["$id"].Value = read.MailboxId.ToByteArray();
                bind.Parameters["$claim"].Value = read.Claim.Bytes.ToArray();
                ledger.Bind(bind);
                var bound = bind.ExecuteNonQuery() == 1;
                System.Diagnostics.Debug.Assert(bound, "The row was read in this transaction, unbound.");
                role = MailboxRole.Recipient;
                newlyBound = true;
                if (!replayed)
                {
                    var record = new RequestRecord(read.Claim, read.RequestId, MailboxOperation.Read, []) { Fingerprint = read.Fingerprint };
                    InsertRequest(transaction, read.MailboxId, row.ExpiresAt, record, ledger.Requests, (row.InitiatorClaim, read.Claim.Bytes.ToArray()));
                }
            }
            else if (role == MailboxRole.Recipient && (row.Rights & MailboxAccessRights.Read) == 0)
            {
                return MailboxReadResult.Failed(MailboxStatus.MissingRight);
            }

            if (read.NotificationToken is not null)
            {
                SetToken(transaction, read.MailboxId, role.Value, read.NotificationToken, ledger);
            }

            return Answer(row, role.Value, read, replayed, newlyBound);
        }, cancellationToken).ConfigureAwait(false);

        if (result.NewlyBound)
        {
            _signals.Publish(read.MailboxId, new MailboxChange(MailboxEventKind.Claimed, MailboxRole.Recipient));
        }
        else if (result is { Status: MailboxStatus.WrongPin, Replayed: false })
        {
            _signals.Publish(read.MailboxId, new MailboxChange(MailboxEventKind.PinFailed, MailboxRole.Recipient));
        }
        else if (read.NotificationToken is not null && result.Status == MailboxStatus.Ok)
        {
            _signals.Publish(read.MailboxId);
        }

        return result;
    }

    /// <summary>
    /// Spends one guess of the relay-assisted PIN for a wrong proof, with its event and the record that answers a repeat;
    /// the last one locks the mailbox, erasing the initiator's message, the key and the verifier.
    /// </summary>
    private MailboxReadResult SpendGuess(SqliteTransaction transaction, MailboxRow row, MailboxRead read, int left)
    {
        var ledger = row.Ledger.WithPinFailed(left).WithRequest();
        var spend = (left == 0 ? _sql.LockPin : _sql.SpendPinGuess).Use(transaction);
        spend.Parameters["$id"].Value = read.MailboxId.ToByteArray();
        if (left > 0)
        {
            spend.Parameters["$left"].Value = left;
        }

        ledger.Bind(spend);
        spend.ExecuteNonQuery();
        if (left == 0)
        {
            _database.ContentRemoved();
        }

        var record = new RequestRecord(read.Claim, read.RequestId, MailboxOperation.WrongPinProof, Encoding.ASCII.GetBytes(left.ToString(CultureInfo.InvariantCulture)))
        {
            Fingerprint = read.Fingerprint,
        };
        InsertRequest(transaction, read.MailboxId, row.ExpiresAt, record, ledger.Requests, (row.InitiatorClaim, row.RecipientClaim));
        return new MailboxReadResult
        {
            Status = MailboxStatus.WrongPin,
            GuessesLeft = left,
            ExpiresAt = row.ExpiresAt,
            InitiatorToken = row.InitiatorToken,
        };
    }

    /// <summary>The guesses left that a wrong proof's record holds, in ASCII digits.</summary>
    private static int GuessesOf(byte[] body) => int.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The read on a read-only connection, or <see langword="null"/> if it must run on the writer (it would bind).
    /// </summary>
    private MailboxReadResult? ReadWithoutWriting(SqliteDatabase.ReadScope scope, MailboxRead read)
    {
        var replayed = false;
        if (FindResponse(scope.Command(_sql.ReadRequest), read.Claim, read.RequestId) is { } earlier)
        {
            if (earlier.Response.Operation == MailboxOperation.WrongPinProof)
            {
                return null; // The writer answers it from the record as it stands there.
            }

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

            var settingsChange = update.DisplayInformation is not null || update.RecipientRights is not null || update.ExpiresAt is not null;
            if (role == MailboxRole.Recipient)
            {
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

            // Registering a token alone changes nothing the other side could read.
            var ledger = row.Ledger.WithRequest();
            ledger = update.Payload is not null || settingsChange ? ledger.WithEvent(MailboxEventKind.Updated, role) : ledger;
            if (update.Payload is { } payload)
            {
                var write = (role == MailboxRole.Initiator ? _sql.WriteInitiatorSlot : _sql.WriteRecipientSlot).Use(transaction);
                write.Parameters["$id"].Value = id;
                write.Parameters["$cipher"].Value = (int)payload.Algorithm;
                write.Parameters["$data"].Value = payload.Data;
                ledger.Bind(write);
                write.ExecuteNonQuery();
            }

            if (settingsChange)
            {
                var settings = _sql.UpdateSettings.Use(transaction);
                settings.Parameters["$id"].Value = id;
                settings.Parameters["$display"].Value = (object?)update.DisplayInformation ?? DBNull.Value;
                settings.Parameters["$rights"].Value = update.RecipientRights is { } rights ? (int)rights : DBNull.Value;
                settings.Parameters["$expires"].Value = newExpiry is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value;
                ledger.Bind(settings);
                settings.ExecuteNonQuery();
            }

            if (update.NotificationToken is not null)
            {
                SetToken(transaction, update.MailboxId, role, update.NotificationToken, ledger);
            }
            else if (update.Payload is null && !settingsChange)
            {
                var write = _sql.WriteLedger.Use(transaction);
                write.Parameters["$id"].Value = id;
                ledger.Bind(write);
                write.ExecuteNonQuery();
            }

            var expiresAt = newExpiry ?? row.ExpiresAt;
            InsertRequest(transaction, update.MailboxId, expiresAt, request, ledger.Requests, (row.InitiatorClaim, row.RecipientClaim));
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

            // The create's record outlives the mailbox too, emptied of its answer, so that a retried create is 404.
            var keep = _sql.KeepCreateRequest.Use(transaction);
            keep.Parameters["$initiator"].Value = row.InitiatorClaim;
            keep.Parameters["$mailbox"].Value = mailboxId.ToByteArray();
            keep.Parameters["$expires"].Value = row.ExpiresAt.ToUnixTimeMilliseconds();
            keep.ExecuteNonQuery();
            RemoveMailbox(transaction, mailboxId, row.InitiatorClaim, row.RecipientClaim);

            // The delete's own answer outlives the mailbox, so a retried delete still gets its 201.
            InsertRequest(transaction, mailboxId, row.ExpiresAt, request, row.Ledger.Requests + 1, sides: null);
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
            var ledger = row.Ledger.WithEvent(MailboxEventKind.Relinquished, MailboxRole.Recipient).WithRequest();
            var relinquish = _sql.Relinquish.Use(transaction);
            relinquish.Parameters["$id"].Value = id;
            ledger.Bind(relinquish);
            relinquish.ExecuteNonQuery();
            _database.ContentRemoved();

            // The departing device's earlier answers held the initiator's messages; they go with it.
            var forget = _sql.DeleteRequestsOfClaim.Use(transaction);
            forget.Parameters["$mailbox"].Value = id;
            forget.Parameters["$claim"].Value = claim.Bytes.ToArray();
            forget.ExecuteNonQuery();

            // The relinquish's own record stays under the departed claim, found by the mailbox's detached records.
            InsertRequest(transaction, mailboxId, row.ExpiresAt, request, ledger.Requests, (row.InitiatorClaim, null));
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
                var batch = new List<(Guid Id, byte[] InitiatorClaim, byte[]? RecipientClaim, byte[]? InitiatorToken, byte[]? RecipientToken)>();
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        batch.Add((new Guid((byte[])reader.GetValue(0)), (byte[])reader.GetValue(1), ReadBlob(reader, 2), ReadBlob(reader, 3), ReadBlob(reader, 4)));
                    }
                }

                foreach (var (id, initiatorClaim, recipientClaim, initiatorToken, recipientToken) in batch)
                {
                    RemoveMailbox(transaction, id, initiatorClaim, recipientClaim);
                    expired.Add(id);
                    claimed += recipientClaim is not null ? 1 : 0;
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
            var select = scope.Command(_sql.ReadEvents);
            select.Parameters["$id"].Value = mailboxId.ToByteArray();
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return MailboxEventsResult.Failed(MailboxStatus.NotFound);
            }

            var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            if (expiresAt <= now)
            {
                return MailboxEventsResult.Failed(MailboxStatus.NotFound);
            }

            var role = claim.Matches((byte[])reader.GetValue(0)) ? MailboxRole.Initiator
                : !reader.IsDBNull(1) && claim.Matches((byte[])reader.GetValue(1)) ? MailboxRole.Recipient
                : (MailboxRole?)null;
            var ledger = new Ledger(Requests: 0, LastEvent: reader.GetInt64(3), Events: (byte[])reader.GetValue(4));
            return new MailboxEventsResult
            {
                Status = MailboxStatus.Ok,
                Role = role,
                ExpiresAt = expiresAt,
                LastSequence = ledger.LastEvent,
                Events = ledger.EventsAfter(afterSequence),
            };
        }));

    public Task<MailboxPinKeyResult> ReadPinKeyAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read(scope =>
        {
            var select = scope.Command(_sql.ReadPinKey);
            select.Parameters["$id"].Value = mailboxId.ToByteArray();
            using var reader = select.ExecuteReader();
            if (!reader.Read() || DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)) <= now)
            {
                return MailboxPinKeyResult.Failed(MailboxStatus.NotFound);
            }

            if (reader.IsDBNull(4))
            {
                return MailboxPinKeyResult.Failed(MailboxStatus.NotPinProtected);
            }

            // Once a recipient is bound, only the two sides may still evaluate.
            var side = claim.Matches((byte[])reader.GetValue(0)) || (!reader.IsDBNull(1) && claim.Matches((byte[])reader.GetValue(1)));
            if (!side && !reader.IsDBNull(1))
            {
                return MailboxPinKeyResult.Failed(MailboxStatus.WrongClaim);
            }

            var guesses = reader.GetInt32(4);
            return guesses == 0 || reader.IsDBNull(3)
                ? MailboxPinKeyResult.Failed(MailboxStatus.PinLocked)
                : new MailboxPinKeyResult { Status = MailboxStatus.Ok, OprfKey = (byte[])reader.GetValue(3), GuessesLeft = guesses };
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

    /// <summary>
    /// Records a request as the mailbox's record <paramref name="number"/> (its row's counter, written by the caller);
    /// past <see cref="IMailboxStore.KeptRequests"/> the oldest of the mailbox's records, under the claims of its
    /// <paramref name="sides"/> or detached, go.
    /// </summary>
    private void InsertRequest(SqliteTransaction transaction, Guid mailboxId, DateTimeOffset expiresAt, RequestRecord request, long number, (byte[] Initiator, byte[]? Recipient)? sides)
    {
        var id = mailboxId.ToByteArray();
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
        if (number > IMailboxStore.KeptRequests && sides is var (initiator, recipient))
        {
            var prune = _sql.PruneRequests.Use(transaction);
            prune.Parameters["$initiator"].Value = initiator;
            prune.Parameters["$recipient"].Value = (object?)recipient ?? DBNull.Value;
            prune.Parameters["$mailbox"].Value = id;
            prune.Parameters["$below"].Value = number - IMailboxStore.KeptRequests;
            prune.ExecuteNonQuery();
            var detached = _sql.PruneDetachedRequests.Use(transaction);
            detached.Parameters["$mailbox"].Value = id;
            detached.Parameters["$below"].Value = number - IMailboxStore.KeptRequests;
            detached.ExecuteNonQuery();
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
            PayloadWritten: reader.GetInt64(15),
            Ledger: new Ledger(reader.GetInt64(16), reader.GetInt64(17), (byte[])reader.GetValue(18)),
            PinVerifier: ReadBlob(reader, 19),
            PinGuesses: reader.IsDBNull(20) ? null : reader.GetInt32(20));
    }

    private static byte[]? ReadBlob(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

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

    private void SetToken(SqliteTransaction transaction, Guid mailboxId, MailboxRole role, byte[] token, Ledger ledger)
    {
        var set = (role == MailboxRole.Initiator ? _sql.SetInitiatorToken : _sql.SetRecipientToken).Use(transaction);
        set.Parameters["$id"].Value = mailboxId.ToByteArray();
        set.Parameters["$token"].Value = token;
        ledger.Bind(set);
        set.ExecuteNonQuery();
    }

    /// <summary>Removes a mailbox with its records: those under its sides' claims and the detached ones.</summary>
    private void RemoveMailbox(SqliteTransaction transaction, Guid mailboxId, byte[] initiatorClaim, byte[]? recipientClaim)
    {
        var id = mailboxId.ToByteArray();
        var delete = _sql.DeleteMailbox.Use(transaction);
        delete.Parameters["$id"].Value = id;
        delete.ExecuteNonQuery();
        var forget = _sql.DeleteRequestsOfMailbox.Use(transaction);
        forget.Parameters["$initiator"].Value = initiatorClaim;
        forget.Parameters["$recipient"].Value = (object?)recipientClaim ?? DBNull.Value;
        forget.Parameters["$mailbox"].Value = id;
        forget.ExecuteNonQuery();
        var detached = _sql.DeleteDetachedRequests.Use(transaction);
        detached.Parameters["$mailbox"].Value = id;
        detached.ExecuteNonQuery();
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
        long PayloadWritten,
        Ledger Ledger,
        byte[]? PinVerifier,
        int? PinGuesses);

    /// <summary>
    /// The mailbox row's record counter and event log (migration 5): <see cref="Events"/> holds the latest
    /// <see cref="KeptEvents"/> events oldest first, one byte each (<see cref="MailboxEventKind"/> * 4 + the side's
    /// <see cref="MailboxRole"/> or 0), the last of them numbered <see cref="LastEvent"/>. Numbers are never reused.
    /// A <see cref="MailboxEventKind.PinFailed"/> event, always the recipient's, is 128 + the guesses it left instead
    /// (migration 6; every other byte is below 32, and a mailbox never allows more than 10 guesses).
    /// </summary>
    private readonly record struct Ledger(long Requests, long LastEvent, byte[] Events)
    {
        private const byte PinFailedFlag = 0x80;

        public Ledger WithRequest() => this with { Requests = Requests + 1 };

        public Ledger WithEvent(MailboxEventKind kind, MailboxRole? side) =>
            WithEntry((byte)(((int)kind * 4) + (side is { } role ? (int)role : 0)));

        public Ledger WithPinFailed(int guessesLeft)
        {
            System.Diagnostics.Debug.Assert(guessesLeft is >= 0 and < PinFailedFlag);
            return WithEntry((byte)(PinFailedFlag | guessesLeft));
        }

        private Ledger WithEntry(byte entry)
        {
            var kept = Math.Min(Events.Length, KeptEvents - 1);
            var events = new byte[kept + 1];
            Events.AsSpan(Events.Length - kept).CopyTo(events);
            events[kept] = entry;
            return this with { LastEvent = LastEvent + 1, Events = events };
        }

        public List<MailboxEvent> EventsAfter(long afterSequence)
        {
            var first = LastEvent - Events.Length + 1;
            var events = new List<MailboxEvent>();
            for (var i = (int)Math.Clamp(afterSequence - first + 1, 0, Events.Length); i < Events.Length; i++)
            {
                var entry = Events[i];
                if ((entry & PinFailedFlag) != 0)
                {
                    events.Add(new MailboxEvent(first + i, MailboxEventKind.PinFailed, MailboxRole.Recipient) { GuessesLeft = entry & ~PinFailedFlag });
                    continue;
                }

                var side = entry & 3;
                events.Add(new MailboxEvent(first + i, (MailboxEventKind)(entry >> 2), side == 0 ? null : (MailboxRole)side));
            }

            return events;
        }

        public void Bind(SqliteCommand command)
        {
            command.Parameters["$requests"].Value = Requests;
            command.Parameters["$eventSeq"].Value = LastEvent;
            command.Parameters["$events"].Value = Events;
        }
    }

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
