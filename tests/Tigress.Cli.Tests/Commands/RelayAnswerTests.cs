using Microsoft.AspNetCore.Http;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>Answers no relay gives: each ends the command with one line that names the real cause.</summary>
public sealed class RelayAnswerTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private const string Key = "AAAAAAAAAAAAAAAAAAAAAA";

    private LoopbackRelay Relay => fixture.Relay;

    [Fact]
    public async Task Share_RelayUrlWithAWrongPath_ExitsRelayRefusedInsteadOfSpinning()
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri + "prefix/", "--text", "x");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        Assert.Contains("404", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task Share_ServerThatIsNotARelay_ExitsRelayRefused()
    {
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("<html>Not here</html>");
        });

        var cli = await CliRun.RunAsync("share", "--relay", server.BaseUri.AbsoluteUri, "--text", "x");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        Assert.Contains("not a Tigress relay", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);

        // The capability document (which a plain server does not have), then the one create.
        Assert.Equal([("GET", "/v1", false), ("POST", "/v1/m", true)], server.Requests);
    }

    [Fact]
    public async Task Share_RelayRedirectsToAnotherServer_SendsItNeitherClaimNorMessage()
    {
        await using var elsewhere = await ScriptedServer.StartAsync(context => context.Response.WriteAsync("{}"));
        await using var redirecting = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(elsewhere.BaseUri, context.Request.Path.Value!.TrimStart('/')).AbsoluteUri;
            return Task.CompletedTask;
        });

        var cli = await CliRun.RunAsync("share", "--relay", redirecting.BaseUri.AbsoluteUri, "--text", "x");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        Assert.Contains("redirect (HTTP 307)", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
        Assert.All(redirecting.Requests, r => Assert.Equal(r.Method == "POST", r.HadClaim));
        Assert.Contains(redirecting.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Receive_RelayAnswersGarbage_BlamesTheRelayNotTheLink()
    {
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"displayInformation\": [garbage");
        });

        var cli = await CliRun.RunAsync("receive", "--yes", $"{server.BaseUri}v1/m/{Guid.NewGuid():D}#{Key}");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("not a mailbox message", line, StringComparison.Ordinal);
        Assert.DoesNotContain("damaged", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_LinkToAServerThatIsNotARelay_SaysSoInsteadOfNoLongerAvailable()
    {
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("<html>Not here</html>");
        });

        var cli = await CliRun.RunAsync("receive", "--yes", $"{server.BaseUri}v1/m/{Guid.NewGuid():D}#{Key}");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("not as a Tigress relay does", line, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer available", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_MailboxThatIsGone_StillSaysNoLongerAvailable()
    {
        var cli = await CliRun.RunAsync("receive", "--yes", $"{Relay.BaseUri}v1/m/{Guid.NewGuid():D}#{Key}");

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await cli.Exit);
        Assert.Contains("no longer available", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("4B1D2C6E-2A8E-4F4B-9A51-0A4A6F9D8E11")]
    [InlineData("4b1d2c6e2a8e4f4b9a510a4a6f9d8e11")]
    public async Task Receive_MailboxIdARelayNeverGives_SaysTheLinkIsDamaged(string id)
    {
        var cli = await CliRun.RunAsync("receive", "--yes", $"{Relay.BaseUri}v1/m/{id}#{Key}");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("mailbox id", line, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer available", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_HttpsToAPlainHttpPort_SaysTheSecureConnectionFailed()
    {
        var https = new UriBuilder(Relay.BaseUri) { Scheme = Uri.UriSchemeHttps }.Uri;

        var cli = await CliRun.RunAsync("share", "--relay", https.AbsoluteUri, "--text", "x");

        Assert.Equal(ExitCodes.RelayUnreachable, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("secure (https) connection", line, StringComparison.Ordinal);
        Assert.Contains("plain http", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_RelayProblemDetailWithControlCharacters_ShowsOneCleanBoundedLine()
    {
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync(
                "{\"type\":\"urn:tigress:problem:invalid-request\",\"title\":\"Bad\",\"detail\":\"\\u001b[2Jtitle\\nis wrong" + new string('x', 1000) + "\"}");
        });

        var cli = await CliRun.RunAsync("share", "--relay", server.BaseUri.AbsoluteUri, "--text", "x");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("the relay says \"\uFFFD[2Jtitle is wrong", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
        Assert.DoesNotContain('\n', line);
        Assert.True(line.Length < 400, $"{line.Length} characters");
    }
}
