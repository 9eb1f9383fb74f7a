using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

internal sealed partial class SqliteMailboxStore
{
    /// <summary>Every statement the store runs: prepared once on the writer's connection, or for reads that change nothing on each read connection.</summary>
    private sealed class Statements
    {
        public Statements(SqliteDatabase database)
        {
            SelectRequest = database.Prepare(
                "SELECT mailbox_id, operation, body, fingerprint FROM request WHERE claim = $claim AND request_id = $request;",
                "$claim", "$request");
            InsertRequest = database.Prepare(
                "INSERT INTO request (claim, request_id, mailbox_id, operation, body, expires_at, seq, fingerprint) VALUES ($claim, $request, $mailbox, $operation, $body, $expires, $seq, $fingerprint);",
                "$claim", "$request", "$mailbox", "$operation", "$body", "$expires", "$seq", "$fingerprint");

            // Records are numbered per mailbox, so the oldest beyond IMailboxStore.KeptRequests can be dropped by number.
            NextRequestNumber = database.Prepare("UPDATE mailbox SET requests = requests + 1 WHERE id = $id RETURNING requests;", "$id");
            PruneRequests = database.Prepare("DELETE FROM request WHERE mailbox_id = $mailbox AND seq <= $below;", "$mailbox", "$below");
            InsertMailbox = database.Prepare(
                "INSERT INTO mailbox (id, initiator_claim, rights, expires_at, display, i2r_cipher, i2r_data, i2r_seq, initiator_token, latest_expiry, payload_budget, payload_written) VALUES ($id, $initiator, $rights, $expires, $display, $cipher, $data, 1, $token, $latest, $budget, length($data));",
                "$id", "$initiator", "$rights", "$expires", "$display", "$cipher", "$data", "$token", "$latest", "$budget");
            SelectMailbox = database.Prepare(
                "SELECT initiator_claim, recipient_claim, rights, expires_at, display, i2r_cipher, i2r_data, i2r_seq, r2i_cipher, r2i_data, r2i_seq, initiator_token, recipient_token, latest_expiry, payload_budget, payload_written FROM mailbox WHERE id = $id;",
                "$id");
            BindRecipient = database.Prepare(
                "UPDATE mailbox SET recipient_claim = $claim WHERE id = $id AND recipient_claim IS NULL;",
                "$id", "$claim");
            WriteInitiatorSlot = database.Prepare(
                "UPDATE mailbox SET i2r_cipher = $cipher, i2r_data = $data, i2r_seq = i2r_seq + 1, payload_written = payload_written + length($data) WHERE id = $id;",
                "$id", "$cipher", "$data");
            WriteRecipientSlot = database.Prepare(
                "UPDATE mailbox SET r2i_cipher = $cipher, r2i_data = $data, r2i_seq = r2i_seq + 1, payload_written = payload_written + length($data) WHERE id = $id;",
                "$id", "$cipher", "$data");
            UpdateSettings = database.Prepare(
                "UPDATE mailbox SET display = coalesce($display, display), rights = coalesce($rights, rights), expires_at = coalesce($expires, expires_at) WHERE id = $id;",
                "$id", "$display", "$rights", "$expires");
            SetInitiatorToken = database.Prepare("UPDATE mailbox SET initiator_token = $token WHERE id = $id;", "$id", "$token");
            SetRecipientToken = database.Prepare("UPDATE mailbox SET recipient_token = $token WHERE id = $id;", "$id", "$token");

            // The sequence is kept, so an ETag from before the relinquish never matches a new recipient's message.
            Relinquish = database.Prepare(
                "UPDATE mailbox SET recipient_claim = NULL, recipient_token = NULL, r2i_cipher = NULL, r2i_data = NULL WHERE id = $id;",
                "$id");
            DeleteMailbox = database.Prepare("DELETE FROM mailbox WHERE id = $id;", "$id");
            DeleteRequestsOfMailbox = database.Prepare("DELETE FROM request WHERE mailbox_id = $mailbox;", "$mailbox");
            DeleteRequestsOfClaim = database.Prepare("DELETE FROM request WHERE mailbox_id = $mailbox AND claim = $claim;", "$mailbox", "$claim");
            SelectExpired = database.Prepare(
                "SELECT id, recipient_claim IS NOT NULL, initiator_token, recipient_token FROM mailbox WHERE expires_at <= $now LIMIT $limit;",
                "$now", "$limit");
            DeleteExpiredRequests = database.Prepare("DELETE FROM request WHERE expires_at <= $now;", "$now");

            // The next number is one more than the latest kept; pruning never removes the latest, so numbers only grow.
            InsertEvent = database.Prepare(
                "INSERT INTO mailbox_event (mailbox_id, seq, kind, side) SELECT $id, coalesce(max(seq), 0) + 1, $kind, $side FROM mailbox_event WHERE mailbox_id = $id RETURNING seq;",
                "$id", "$kind", "$side");
            PruneEvents = database.Prepare("DELETE FROM mailbox_event WHERE mailbox_id = $id AND seq <= $below;", "$id", "$below");
            DeleteEventsOfMailbox = database.Prepare("DELETE FROM mailbox_event WHERE mailbox_id = $id;", "$id");
            DropInitiatorToken = database.Prepare("UPDATE mailbox SET initiator_token = NULL WHERE id = $id AND initiator_token = $token;", "$id", "$token");
            DropRecipientToken = database.Prepare("UPDATE mailbox SET recipient_token = NULL WHERE id = $id AND recipient_token = $token;", "$id", "$token");

            // The same lookups for reads that change nothing, on the read-only connections.
            ReadRequest = database.PrepareRead(SelectRequest.CommandText, "$claim", "$request");
            ReadMailbox = database.PrepareRead(SelectMailbox.CommandText, "$id");
            ReadPreview = database.PrepareRead("SELECT display, expires_at FROM mailbox WHERE id = $id;", "$id");
            ReadSides = database.PrepareRead("SELECT initiator_claim, recipient_claim, expires_at FROM mailbox WHERE id = $id;", "$id");
            ReadEvents = database.PrepareRead(
                "SELECT seq, kind, side FROM mailbox_event WHERE mailbox_id = $id AND seq > $after ORDER BY seq LIMIT $limit;",
                "$id", "$after", "$limit");
            ReadLastEvent = database.PrepareRead("SELECT coalesce(max(seq), 0) FROM mailbox_event WHERE mailbox_id = $id;", "$id");
        }

        public SqliteDatabase.ReadStatement ReadRequest { get; }

        public SqliteDatabase.ReadStatement ReadMailbox { get; }

        public SqliteDatabase.ReadStatement ReadPreview { get; }

        public SqliteDatabase.ReadStatement ReadSides { get; }

        public SqliteDatabase.ReadStatement ReadEvents { get; }

        public SqliteDatabase.ReadStatement ReadLastEvent { get; }

        public SqliteCommand SelectRequest { get; }

        public SqliteCommand InsertRequest { get; }

        public SqliteCommand NextRequestNumber { get; }

        public SqliteCommand PruneRequests { get; }

        public SqliteCommand InsertMailbox { get; }

        public SqliteCommand SelectMailbox { get; }

        public SqliteCommand BindRecipient { get; }

        public SqliteCommand WriteInitiatorSlot { get; }

        public SqliteCommand WriteRecipientSlot { get; }

        public SqliteCommand UpdateSettings { get; }

        public SqliteCommand SetInitiatorToken { get; }

        public SqliteCommand SetRecipientToken { get; }

        public SqliteCommand Relinquish { get; }

        public SqliteCommand DeleteMailbox { get; }

        public SqliteCommand DeleteRequestsOfMailbox { get; }

        public SqliteCommand DeleteRequestsOfClaim { get; }

        public SqliteCommand SelectExpired { get; }

        public SqliteCommand DeleteExpiredRequests { get; }

        public SqliteCommand InsertEvent { get; }

        public SqliteCommand PruneEvents { get; }

        public SqliteCommand DeleteEventsOfMailbox { get; }

        public SqliteCommand DropInitiatorToken { get; }

        public SqliteCommand DropRecipientToken { get; }
    }
}
