using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// A deleted share leaves the database files promptly (docs/security.md), and the files are the relay user's alone.
/// </summary>
public sealed class RemanenceTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Delete_SealedPayloadAndTitle_LeaveRelayDbAndItsWalWithinTheBound()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        var api = new MailboxApi(relay.CreateClient());
        var initiator = Guid.NewGuid();
        var title = "Remanence " + Guid.NewGuid().ToString("N");
        var payload = Convert.FromBase64String(MailboxApi.SealedData(3000));
        var body = MailboxApi.CreateBody(data: Convert.ToBase64String(payload));
        body["displayInformation"]!["title"] = title;
        using (var created = await api.SendAsync(HttpMethod.Post, "v1/m", initiator, body))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
            var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
            (await api.ReadAsync(id, Guid.NewGuid())).Dispose();
            var titleBytes = Encoding.UTF8.GetBytes(title);
            var payloadChunk = payload.AsSpan(1000, 64).ToArray();
            Assert.True(Holds(relay, titleBytes) && Holds(relay, payloadChunk), "The share should be on disk before the delete.");

            using var deleted = await api.SendAsync(HttpMethod.Delete, $"v1/m/{id}", initiator);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

            // The bound is SqliteDatabase.WipeDelay after the commit; the wait is generous for a loaded machine.
            await Eventually.TrueAsync(
                () => !Holds(relay, titleBytes) && !Holds(relay, payloadChunk),
                "the deleted title and payload are gone from relay.db and relay.db-wal",
                SqliteDatabase.WipeDelay + TimeSpan.FromSeconds(14));
        }

        api.Http.Dispose();
    }

    [Fact]
    public async Task PinLock_ErasedMessageKeyAndVerifier_LeaveRelayDbAndItsWalWithinTheBound()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        var api = new MailboxApi(relay.CreateClient());
        var share = new TestPinShare();
        var payload = Convert.FromBase64String(MailboxApi.SealedData(3000));
        var mailbox = await share.CreateAsync(api, Guid.NewGuid(), guesses: 1, data: Convert.ToBase64String(payload));
        var payloadChunk = payload.AsSpan(1000, 64).ToArray();
        Assert.True(
            Holds(relay, payloadChunk) && Holds(relay, share.OprfKey) && Holds(relay, share.Verifier),
            "The share should be on disk before the lock.");

        // The one guess, spent: the mailbox locks, and what a proof would have unlocked goes.
        using (var wrong = await TestPinShare.ReadAsync(api, mailbox.Id, Guid.NewGuid(), System.Buffers.Text.Base64Url.EncodeToString(new byte[32])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        await Eventually.TrueAsync(
            () => !Holds(relay, payloadChunk) && !Holds(relay, share.OprfKey) && !Holds(relay, share.Verifier),
            "the locked share's message, OPRF key and verifier are gone from relay.db and relay.db-wal",
            SqliteDatabase.WipeDelay + TimeSpan.FromSeconds(14));
        api.Http.Dispose();
    }

    [Fact]
    public async Task Delete_PinShare_ItsKeyAndVerifierLeaveRelayDbAndItsWalWithinTheBound()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        var api = new MailboxApi(relay.CreateClient());
        var share = new TestPinShare();
        var initiator = Guid.NewGuid();
        var mailbox = await share.CreateAsync(api, initiator, guesses: 3);
        Assert.True(Holds(relay, share.OprfKey) && Holds(relay, share.Verifier), "The key and verifier should be on disk before the delete.");

        using (var deleted = await api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await Eventually.TrueAsync(
            () => !Holds(relay, share.OprfKey) && !Holds(relay, share.Verifier),
            "the deleted share's OPRF key and verifier are gone from relay.db and relay.db-wal",
            SqliteDatabase.WipeDelay + TimeSpan.FromSeconds(14));
        api.Http.Dispose();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_DataFolderAndDatabaseFiles_AreTheRelayUsersOnly()
    {
        var parent = TemporaryFolder.Create("modes");
        try
        {
            // A folder that does not exist yet is made private; an existing one made too open is narrowed.
            var fresh = Path.Combine(parent, "fresh");
            var existing = Path.Combine(parent, "existing");
            Directory.CreateDirectory(existing);
            File.SetUnixFileMode(existing, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(existing, "relay.db")};Pooling=false"))
            {
                connection.Open();
            }

            File.SetUnixFileMode(Path.Combine(existing, "relay.db"), File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            foreach (var folder in new[] { fresh, existing })
            {
                await using var relay = await LoopbackRelay.StartAsync(dataDirectory: folder);
                var api = new MailboxApi(relay.CreateClient());
                await api.CreateAsync(Guid.NewGuid());
                api.Http.Dispose();

                Assert.Equal(Folder, File.GetUnixFileMode(folder));
                foreach (var file in new[] { "relay.db", "relay.db-wal", "relay.db-shm" })
                {
                    Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} should exist while the relay runs.");
                    Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(folder, file)));
                }
            }
        }
        finally
        {
            TemporaryFolder.Delete(parent);
        }
    }

    private static bool Holds(LoopbackRelay relay, byte[] needle) =>
        FileBytes.Contains(Path.Combine(relay.DataDirectory, "relay.db"), needle) || FileBytes.Contains(Path.Combine(relay.DataDirectory, "relay.db-wal"), needle);
}
