using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>
/// The relay's SQLite schema and its migrations. <c>PRAGMA user_version</c> holds the number of migrations
/// applied; each migration runs once, in order, in its own transaction. Append new ones; never edit old ones.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] s_migrations =
    [
        // 1: mailboxes with one message slot per direction (docs/protocol.md section 7.5) and idempotency records.
        """
        CREATE TABLE mailbox (
            id              BLOB    NOT NULL PRIMARY KEY,  -- 16-byte UUID
            initiator_claim BLOB    NOT NULL,              -- SHA-256 of the claim (P4), never the claim
            recipient_claim BLOB,                          -- NULL until the first claim binds
            rights          INTEGER NOT NULL,              -- MailboxAccessRights flags of the recipient
            expires_at      INTEGER NOT NULL,              -- Unix milliseconds
            display         BLOB    NOT NULL,              -- displayInformation JSON
            i2r_cipher      INTEGER,                       -- initiator's latest message
            i2r_data        BLOB,
            i2r_seq         INTEGER NOT NULL DEFAULT 0,    -- messages written so far; never reset
            r2i_cipher      INTEGER,                       -- recipient's latest message
            r2i_data        BLOB,
            r2i_seq         INTEGER NOT NULL DEFAULT 0,
            initiator_token BLOB,                          -- notification tokens, JSON
            recipient_token BLOB
        ) WITHOUT ROWID;
        CREATE INDEX mailbox_expiry ON mailbox (expires_at);

        CREATE TABLE request (
            claim       BLOB    NOT NULL,                  -- SHA-256 of the claim
            request_id  BLOB    NOT NULL,                  -- Mailbox-Request-ID
            mailbox_id  BLOB    NOT NULL,
            operation   INTEGER NOT NULL,
            body        BLOB    NOT NULL,                  -- the first answer's JSON body
            expires_at  INTEGER NOT NULL,
            PRIMARY KEY (claim, request_id)
        ) WITHOUT ROWID;
        CREATE INDEX request_mailbox ON request (mailbox_id);
        CREATE INDEX request_expiry ON request (expires_at);
        """,

        // 2: HTTP dropbox messages (docs/protocol.md section 11), write-once, with the optional cookie lock.
        """
        CREATE TABLE dropbox (
            location    TEXT    NOT NULL PRIMARY KEY,      -- 43 base64url characters
            state       INTEGER NOT NULL,                  -- 0 touched, 1 written, 2 read and deleted
            body        BLOB,                              -- the encapsulated message while written
            expires_at  INTEGER NOT NULL,                  -- Unix milliseconds
            lock_a      BLOB,                              -- SHA-256 of the cookies of the first two clients
            lock_b      BLOB
        ) WITHOUT ROWID;
        CREATE INDEX dropbox_expiry ON dropbox (expires_at);
        """,

        // 3: each mailbox's event log for Server-Sent Events (docs/protocol.md section 8), removed with the mailbox.
        """
        CREATE TABLE mailbox_event (
            mailbox_id  BLOB    NOT NULL,
            seq         INTEGER NOT NULL,                  -- 1, 2, 3... per mailbox; the SSE event id
            kind        INTEGER NOT NULL,                  -- MailboxEventKind
            side        INTEGER NOT NULL,                  -- MailboxRole of the side that caused it, 0 for none
            PRIMARY KEY (mailbox_id, seq)
        ) WITHOUT ROWID;
        """,

        // 4: bounded idempotency records (numbered per mailbox, with the request body's fingerprint), the latest
        // expiry an update may set (the maximum TTL counts from creation), a lifetime payload budget, and the row
        // the health probe writes.
        """
        ALTER TABLE mailbox ADD COLUMN latest_expiry INTEGER;  -- Unix milliseconds; NULL for no limit
        ALTER TABLE mailbox ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;  -- request records numbered so far
        ALTER TABLE mailbox ADD COLUMN payload_budget INTEGER;  -- payload bytes accepted over its life; NULL for no limit
        ALTER TABLE mailbox ADD COLUMN payload_written INTEGER NOT NULL DEFAULT 0;  -- payload bytes accepted so far
        UPDATE mailbox SET latest_expiry = expires_at;         -- mailboxes from before keep their expiry as the limit
        ALTER TABLE request ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;  -- the record's number in its mailbox
        ALTER TABLE request ADD COLUMN fingerprint BLOB;       -- 16 bytes of SHA-256 of the request body; NULL before
        DROP INDEX request_mailbox;
        CREATE INDEX request_mailbox ON request (mailbox_id, seq);
        CREATE TABLE health (
            id          INTEGER NOT NULL PRIMARY KEY,
            probed_at   INTEGER NOT NULL                   -- Unix milliseconds of the latest probe write
        );
        """,

        // 5: fewer pages written per request. The event log moves into the mailbox row, which every operation
        // rewrites anyway (events: the latest 256 events oldest first, one byte each, MailboxEventKind * 4 + the
        // side's MailboxRole or 0; event_seq: the number of the last one). A mailbox's records are found through
        // its claims, the prefix of the request key, so only records whose claim may have left the mailbox row
        // are indexed: a relinquish's by mailbox, and a delete's, which outlives its mailbox, by expiry.
        """
        ALTER TABLE mailbox ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE mailbox ADD COLUMN events BLOB NOT NULL DEFAULT x'';
        UPDATE mailbox SET
            event_seq = coalesce((SELECT max(seq) FROM mailbox_event WHERE mailbox_id = mailbox.id), 0),
            events = coalesce((
                SELECT CAST(group_concat(char(kind * 4 + side), '' ORDER BY seq) AS BLOB)
                FROM (SELECT seq, kind, side FROM mailbox_event WHERE mailbox_id = mailbox.id ORDER BY seq DESC LIMIT 256)), x'');
        DROP TABLE mailbox_event;
        DROP INDEX request_mailbox;
        DROP INDEX request_expiry;
        CREATE INDEX request_detached ON request (mailbox_id, seq) WHERE operation = 5;
        CREATE INDEX request_expiry ON request (expires_at) WHERE operation = 4;
        """,

        // 6: the relay-assisted PIN (docs/protocol.md section 12.6), NULL on a mailbox without one; a lock erases the key
        // and the verifier and leaves pin_guesses = 0. The record of a wrong proof (operation 6) is under a claim that
        // never joined the mailbox, so, like a relinquish's, it is found through the partial index of detached records.
        """
        ALTER TABLE mailbox ADD COLUMN pin_key BLOB;           -- the OPRF key k, 32 bytes
        ALTER TABLE mailbox ADD COLUMN pin_verifier BLOB;      -- SHA-256 of the proof key, 32 bytes
        ALTER TABLE mailbox ADD COLUMN pin_guesses INTEGER;    -- wrong proofs still accepted; 0 when locked
        DROP INDEX request_detached;
        CREATE INDEX request_detached ON request (mailbox_id, seq) WHERE operation IN (5, 6);
        """,

        // 7: a deleted mailbox's create record (operation 7, its answer emptied) is kept like the delete's, until the
        // mailbox would have expired, so that a retried create is answered 404 instead of making a new mailbox.
        """
        DROP INDEX request_expiry;
        CREATE INDEX request_expiry ON request (expires_at) WHERE operation IN (4, 7);
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => s_migrations.Length;

    public static void Migrate(SqliteConnection connection) => Migrate(connection, CurrentVersion);

    /// <summary>Migrates up to <paramref name="targetVersion"/> only; tests use it to build a database as an older relay left it.</summary>
    internal static void Migrate(SqliteConnection connection, int targetVersion)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            // A configuration problem, not a crash: the host reports it as one line (docs/install.md, rolling back).
            throw new Hosting.RelayConfigurationException(
                $"The relay database has schema version {version}, newer than this relay understands ({CurrentVersion}). Run a newer relay, restore the backup taken before the upgrade, or use another Relay:DataDirectory.");
        }

        for (var next = version; next < Math.Min(targetVersion, CurrentVersion); next++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = s_migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
