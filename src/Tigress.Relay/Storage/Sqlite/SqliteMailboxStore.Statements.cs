using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

internal sealed partial class SqliteMailboxStore
{
    /// <summary>Every statement the store runs: prepared once on the writer's connection, or for reads that change nothing on each read connection.</summary>
    private sealed class Statements
    {
        // Every statement that writes the mailbox row also sets its record counter and event log (see
        // SqliteMailboxStore.Ledger), so that an operation rewrites the row once, in the statement it runs anyway.
        private const string SetLedger = "requests = $requests, event_seq = $eventSeq, events = $events";

        // The partial indexes of migration 5 serve only queries that name these operations literally.
        private static readonly string s_delete = ((int)MailboxOperation.Delete).ToString(System.Globalization.CultureInfo.InvariantCulture);
        private static readonly string s_deletedCreate = ((int)DeletedCreate).ToString(System.Globalization.CultureInfo.InvariantCulture);
        private static readonly string s_detached = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"operation IN ({(int)MailboxOperation.Relinquish}, {(int)MailboxOperation.WrongPinProof})");

        public Statements(SqliteDatabase database)
        {
            SelectRequest = database.Prepare(
                "SELECT mailbox_id, operation, body, fingerprint FROM request WHERE claim = $claim AND request_id = $request;",
                "$claim", "$request");
            InsertRequest = database.Prepare(
                "INSERT INTO request (claim, request_id, mailbox_id, operation, body, expires_at, seq, fingerprint) VALUES ($claim, $request, $mailbox, $operation, $body, $expires, $seq, $fingerprint);",
                "$claim", "$request", "$mailbox", "$operation", "$body", "$expires", "$seq", "$fingerprint");

            // A mailbox's records are under its sides' claims (the key's prefix), except a relinquish's, whose claim has
            // left the row, and a wrong PIN proof's, whose claim never joined it: those are found through their partial
            // index. The oldest beyond IMailboxStore.KeptRequests go by number.
            PruneRequests = database.Prepare(
                "DELETE FROM request WHERE claim IN ($initiator, $recipient) AND mailbox_id = $mailbox AND seq <= $below;",
                "$initiator", "$recipient", "$mailbox", "$below");
            PruneDetachedRequests = database.Prepare(
                $"DELETE FROM request WHERE {s_detached} AND mailbox_id = $mailbox AND seq <= $below;",
                "$mailbox", "$below");
            InsertMailbox = database.Prepare(
                "INSERT INTO mailbox (id, initiator_claim, rights, expires_at, display, i2r_cipher, i2r_data, i2r_seq, initiator_token, latest_expiry, payload_budget, payload_written, requests, pin_key, pin_verifier, pin_guesses) VALUES ($id, $initiator, $rights, $expires, $display, $cipher, $data, 1, $token, $latest, $budget, length($data), 1, $pinKey, $pinVerifier, $pinGuesses);",
                "$id", "$initiator", "$rights", "$expires", "$display", "$cipher", "$data", "$token", "$latest", "$budget", "$pinKey", "$pinVerifier", "$pinGuesses");

            // The OPRF key is not among them: only ReadPinKey takes it out of the database.
            SelectMailbox = database.Prepare(
                "SELECT initiator_claim, recipient_claim, rights, expires_at, display, i2r_cipher, i2r_data, i2r_seq, r2i_cipher, r2i_data, r2i_seq, initiator_token, recipient_token, latest_expiry, payload_budget, payload_written, requests, event_seq, events, pin_verifier, pin_guesses FROM mailbox WHERE id = $id;",
                "$id");
            BindRecipient = PrepareWithLedger(
                database,
                $"UPDATE mailbox SET recipient_claim = $claim, {SetLedger} WHERE id = $id AND recipient_claim IS NULL;",
                "$id", "$claim");
            WriteInitiatorSlot = PrepareWithLedger(
                database,
                $"UPDATE mailbox SET i2r_cipher = $cipher, i2r_data = $data, i2r_seq = i2r_seq + 1, payload_written = payload_written + length($data), {SetLedger} WHERE id = $id;",
                "$id", "$cipher", "$data");
            WriteRecipientSlot = PrepareWithLedger(
                database,
                $"UPDATE mailbox SET r2i_cipher = $cipher, r2i_data = $data, r2i_seq = r2i_seq + 1, payload_written = payload_written + length($data), {SetLedger} WHERE id = $id;",
                "$id", "$cipher", "$data");

            // Apart from the others: naming expires_at rewrites its index entry, an extra page.
            UpdateSettings = PrepareWithLedger(
                database,
                $"UPDATE mailbox SET display = coalesce($display, display), rights = coalesce($rights, rights), expires_at = coalesce($expires, expires_at), {SetLedger} WHERE id = $id;",
                "$id", "$display", "$rights", "$expires");
            SetInitiatorToken = PrepareWithLedger(database, $"UPDATE mailbox SET initiator_token = $token, {SetLedger} WHERE id = $id;", "$id", "$token");
            SetRecipientToken = PrepareWithLedger(database, $"UPDATE mailbox SET recipient_token = $token, {SetLedger} WHERE id = $id;", "$id", "$token");
            WriteLedger = PrepareWithLedger(database, $"UPDATE mailbox SET {SetLedger} WHERE id = $id;", "$id");

            // The sequence is kept, so an ETag from before the relinquish never matches a new recipient's message.
            Relinquish = PrepareWithLedger(
                database,
                $"UPDATE mailbox SET recipient_claim = NULL, recipient_token = NULL, r2i_cipher = NULL, r2i_data = NULL, {SetLedger} WHERE id = $id;",
                "$id");
            SpendPinGuess = PrepareWithLedger(database, $"UPDATE mailbox SET pin_guesses = $left, {SetLedger} WHERE id = $id;", "$id", "$left");

            // The last guess locks the mailbox: the initiator's message goes, and so do the key and the verifier, which
            // nothing needs any more (a locked mailbox answers no evaluation and binds no claim).
            LockPin = PrepareWithLedger(
                database,
                $"UPDATE mailbox SET pin_guesses = 0, pin_key = NULL, pin_verifier = NULL, i2r_cipher = NULL, i2r_data = NULL, {SetLedger} WHERE id = $id;",
                "$id");
            DeleteMailbox = database.Prepare("DELETE FROM mailbox WHERE id = $id;", "$id");
            DeleteRequestsOfMailbox = database.Prepare(
                $"DELETE FROM request WHERE claim IN ($initiator, $recipient) AND mailbox_id = $mailbox AND operation <> {s_deletedCreate};",
                "$initiator", "$recipient", "$mailbox");
            KeepCreateRequest = database.Prepare(
                $"UPDATE request SET operation = {s_deletedCreate}, body = x'', expires_at = $expires WHERE claim = $initiator AND mailbox_id = $mailbox AND operation = {(int)MailboxOperation.Create};",
                "$initiator", "$mailbox", "$expires");
            DeleteDetachedRequests = database.Prepare($"DELETE FROM request WHERE {s_detached} AND mailbox_id = $mailbox;", "$mailbox");
            DeleteRequestsOfClaim = database.Prepare("DELETE FROM request WHERE claim = $claim AND mailbox_id = $mailbox;", "$mailbox", "$claim");
            SelectExpired = database.Prepare(
                "SELECT id, initiator_claim, recipient_claim, initiator_token, recipient_token FROM mailbox WHERE expires_at <= $now LIMIT $limit;",
                "$now", "$limit");

            // Only a delete's record and a deleted mailbox's create record outlive it; every other goes with the mailbox.
            DeleteExpiredRequests = database.Prepare($"DELETE FROM request WHERE operation IN ({s_delete}, {s_deletedCreate}) AND expires_at <= $now;", "$now");
            DropInitiatorToken = database.Prepare("UPDATE mailbox SET initiator_token = NULL WHERE id = $id AND initiator_token = $token;", "$id", "$token");
            DropRecipientToken = database.Prepare("UPDATE mailbox SET recipient_token = NULL WHERE id = $id AND recipient_token = $token;", "$id", "$token");

            // The same lookups for reads that change nothing, on the read-only connections.
            ReadRequest = database.PrepareRead(SelectRequest.CommandText, "$claim", "$request");
            ReadMailbox = database.PrepareRead(SelectMailbox.CommandText, "$id");
            ReadPreview = database.PrepareRead("SELECT display, expires_at FROM mailbox WHERE id = $id;", "$id");
            ReadEvents = database.PrepareRead("SELECT initiator_claim, recipient_claim, expires_at, event_seq, events FROM mailbox WHERE id = $id;", "$id");
            ReadPinKey = database.PrepareRead("SELECT initiator_claim, recipient_claim, expires_at, pin_key, pin_guesses FROM mailbox WHERE id = $id;", "$id");
        }

        private static SqliteCommand PrepareWithLedger(SqliteDatabase database, string sql, params string[] parameters) =>
            database.Prepare(sql, [.. parameters, "$requests", "$eventSeq", "$events"]);

        public SqliteDatabase.ReadStatement ReadRequest { get; }

        public SqliteDatabase.ReadStatement ReadMailbox { get; }

        public SqliteDatabase.ReadStatement ReadPreview { get; }

        public SqliteDatabase.ReadStatement ReadEvents { get; }

        public SqliteDatabase.ReadStatement ReadPinKey { get; }

        public SqliteCommand SelectRequest { get; }

        public SqliteCommand InsertRequest { get; }

        public SqliteCommand PruneRequests { get; }

        public SqliteCommand PruneDetachedRequests { get; }

        public SqliteCommand InsertMailbox { get; }

        public SqliteCommand SelectMailbox { get; }

        public SqliteCommand BindRecipient { get; }

        public SqliteCommand WriteInitiatorSlot { get; }

        public SqliteCommand WriteRecipientSlot { get; }

        public SqliteCommand UpdateSettings { get; }

        public SqliteCommand SetInitiatorToken { get; }

        public SqliteCommand SetRecipientToken { get; }

        public SqliteCommand WriteLedger { get; }

        public SqliteCommand Relinquish { get; }

        public SqliteCommand SpendPinGuess { get; }

        public SqliteCommand LockPin { get; }

        public SqliteCommand DeleteMailbox { get; }

        public SqliteCommand DeleteRequestsOfMailbox { get; }

        public SqliteCommand KeepCreateRequest { get; }

        public SqliteCommand DeleteDetachedRequests { get; }

        public SqliteCommand DeleteRequestsOfClaim { get; }

        public SqliteCommand SelectExpired { get; }

        public SqliteCommand DeleteExpiredRequests { get; }

        public SqliteCommand DropInitiatorToken { get; }

        public SqliteCommand DropRecipientToken { get; }
    }
}
