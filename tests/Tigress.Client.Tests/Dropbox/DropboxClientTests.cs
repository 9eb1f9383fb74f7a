using Tigress.Client.Dropbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Testing;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>The rule that turns what a user typed into a dropbox base URL, against real servers.</summary>
public sealed class DropboxClientTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    [Fact]
    public async Task ResolveBase_RelayRoot_IsTheRelaysDropbox()
    {
        var root = servers.RelayServer.BaseUri;

        var resolved = await Dropboxes.Client().ResolveBaseAsync(root);
        var withoutSlash = await Dropboxes.Client().ResolveBaseAsync(new Uri(root.AbsoluteUri.TrimEnd('/')));

        Assert.Equal(new Uri(root, "d/"), resolved);
        Assert.Equal(new Uri(root, "d/"), withoutSlash);
    }

    [Fact]
    public async Task ResolveBase_PlainServerFolder_IsTheFolderItself()
    {
        var folder = servers.NginxServer.BaseUri;

        Assert.Equal(folder, await Dropboxes.Client().ResolveBaseAsync(folder));
        Assert.Equal(folder, await Dropboxes.Client().ResolveBaseAsync(new Uri(folder.AbsoluteUri.TrimEnd('/'))));
    }

    [Fact]
    public async Task ResolveBase_PathEndingInD_IsTakenAsIs_WithoutAsking()
    {
        var recorder = Dropboxes.Recorder();
        var given = new Uri($"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/tigress/d/");

        var resolved = await Dropboxes.Client(recorder).ResolveBaseAsync(given);

        Assert.Equal(given, resolved);
        Assert.Empty(recorder.Requests);
    }

    [Fact]
    public async Task ResolveBase_RelayWithoutDropbox_IsRefused()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:Dropbox"] = "false" });

        var exception = await Assert.ThrowsAsync<TransferException>(() => Dropboxes.Client().ResolveBaseAsync(relay.BaseUri));

        Assert.Equal(TransferError.RelayRefused, exception.Error);
    }

    [Fact]
    public async Task ResolveBase_NothingListening_IsUnreachable()
    {
        var exception = await Assert.ThrowsAsync<TransferException>(
            () => Dropboxes.Client().ResolveBaseAsync(new Uri($"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/")));

        Assert.Equal(TransferError.RelayUnreachable, exception.Error);
    }

    [Theory]
    [InlineData("http://dropbox.example/d/")]
    [InlineData("https://dropbox.example/d/?x=1")]
    [InlineData("https://user:pw@dropbox.example/d/")]
    [InlineData("ftp://dropbox.example/d/")]
    public async Task ResolveBase_UnusableUrl_ThrowsArgumentException(string url)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Dropboxes.Client().ResolveBaseAsync(new Uri(url)));

        Assert.Equal("url", exception.ParamName);
    }

    [Fact]
    public void Options_Invalid_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("options", () => new DropboxClient(new DropboxClientOptions { MaxRetries = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => new DropboxClient(new DropboxClientOptions { InitialPollInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => new DropboxClient(
            new DropboxClientOptions { InitialPollInterval = TimeSpan.FromSeconds(2), MaxPollInterval = TimeSpan.FromSeconds(1) }));
    }
}
