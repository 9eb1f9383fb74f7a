using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// <c>tigress share --binding dropbox</c> and <c>tigress receive</c> as two separate processes, through a stock nginx
/// and through <c>tigress relay</c> as a third process; afterwards the server holds nothing.
/// </summary>
public sealed class DropboxProcessTests
{
    [Fact]
    public async Task Nginx_ShareText_ReceiveOut_MovesTheText_AndLeavesAnEmptyFolder()
    {
        await using var nginx = await NginxWebDav.StartAsync();
        var output = TempFile();
        const string text = "Garage code 2468, valid until Sunday";

        await using var share = TigressProcess.Start("share", "--binding", "dropbox", "--relay", nginx.BaseUri.AbsoluteUri, "--text", text);
        var link = await share.FirstLineAsync();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal(text, await File.ReadAllTextAsync(output));
        Assert.StartsWith(nginx.BaseUri.AbsoluteUri + "#v=1&s=1301&r=", link, StringComparison.Ordinal);
        Assert.Empty(Lines(share.Stderr));
        Assert.Empty(Lines(receive.Stderr));
        Assert.Empty(nginx.StoredFiles);

        // Two messages went through nginx: the token and the acknowledgement, each put, read and deleted once.
        var requests = Lines(nginx.AccessLog);
        Assert.Equal(2, requests.Count(l => l.Contains("\"PUT /dav/", StringComparison.Ordinal)));
        Assert.Equal(2, requests.Count(l => l.Contains("\"DELETE /dav/", StringComparison.Ordinal) && l.Contains("\" 204 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Nginx_ShareCarKey_Receive_CompletesFourMessageFlowWithSignatureVerified()
    {
        await using var nginx = await NginxWebDav.StartAsync();
        var output = TempFile();

        await using var share = TigressProcess.Start(
            "share", "--binding", "dropbox", "--relay", nginx.BaseUri.AbsoluteUri, "--text", "WVWZZZ1JZXW000004", "--vertical", "c",
            "--format", "digitalwallet.carkey.ccc", "--suite", "1303", "--json");
        var shared = JsonDocument.Parse(await share.FirstLineAsync()).RootElement;
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", shared.GetProperty("url").GetString()!, "--out", output, "--json");

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        var events = share.Stdout.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, events.Count(e => e.GetProperty("event").GetString() == "sent"));
        Assert.Equal(
            ["digitalwallet.carkey.ccc", "tigress.control.complete"],
            events.Where(e => e.GetProperty("event").GetString() == "received").Select(e => e.GetProperty("format").GetString()));
        using var key = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        Assert.True(key.RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal("WVWZZZ1JZXW000004", key.RootElement.GetProperty("vehicleId").GetString());
        Assert.Empty(nginx.StoredFiles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Relay_BothVerticals_EveryLocationUsedIsEmptyAfterwards(bool dropboxLock)
    {
        await using var relay = dropboxLock ? await RelayProcess.StartAsync(null, "--dropbox-lock") : await RelayProcess.StartAsync();
        var output = TempFile();

        // The relay's root: share resolves it to the relay's /d/ through its capability document.
        await using (var share = TigressProcess.Start("share", "--binding", "dropbox", "--relay", relay.BaseUri.AbsoluteUri, "--text", "token over the relay"))
        {
            var link = await share.FirstLineAsync();
            Assert.StartsWith(relay.BaseUri.AbsoluteUri + "d/#v=1&s=1301&r=", link, StringComparison.Ordinal);
            await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--out", output);
            Assert.Equal(0, await receive.ExitAsync());
            Assert.Equal(0, await share.ExitAsync());
            Assert.Equal("token over the relay", await File.ReadAllTextAsync(output));
        }

        await using (var share = TigressProcess.Start(
            "share", "--binding", "dropbox", "--relay", relay.BaseUri.AbsoluteUri + "d/", "--text", "WVWZZZ1JZXW000005", "--format", "digitalwallet.carkey.ccc"))
        {
            var link = await share.FirstLineAsync();

            // receive --out writes a new file only.
            var keyFile = TempFile();
            await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--out", keyFile);
            Assert.Equal(0, await receive.ExitAsync());
            Assert.Equal(0, await share.ExitAsync());
            using var key = JsonDocument.Parse(await File.ReadAllBytesAsync(keyFile));
            Assert.True(key.RootElement.GetProperty("signatureVerified").GetBoolean());
        }

        // Every location the relay ever saw (2 + 4 messages) answers 404, or under the lock refuses a third party.
        var locations = UsedLocations(relay.DataDirectory);
        Assert.True(locations.Count >= 6, $"the relay saw {locations.Count} locations");
        using var http = new HttpClient();
        foreach (var location in locations)
        {
            using var response = await http.GetAsync(new Uri(relay.BaseUri, "d/" + location));
            Assert.Equal(dropboxLock ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(0, StoredBodies(relay.DataDirectory));
    }

    private static List<string> UsedLocations(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT location FROM dropbox WHERE state <> 0;";
        using var reader = command.ExecuteReader();
        var locations = new List<string>();
        while (reader.Read())
        {
            locations.Add(reader.GetString(0));
        }

        return locations;
    }

    private static long StoredBodies(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM dropbox WHERE body IS NOT NULL;";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "relay.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-e2e-{Guid.NewGuid():N}");
}
