using Microsoft.AspNetCore.Http;
using Tigress.Cli.Tests.TestServices;
using Tigress.Client;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>
/// Text that the other side or the relay chose (a title, a description, a cancel reason, a problem detail) never
/// reaches the terminal with characters that hide, reorder or rewrite what is shown (<see cref="Protocol.DisplayText"/>).
/// </summary>
public sealed class HostileTextTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Receive_TitleWithARightToLeftOverride_ShownWithReplacementsInReadingOrder()
    {
        // The dropbox binding has no relay that checks the preview: the sealed title reaches the recipient as written.
        var (share, link) = await CliRun.ShareAsync(
            fixture.Relay, "--binding", "dropbox", "--text", "x", "--title", "Car key \u202egnp.exe\u202c", "--description", "two\u2066\u2067 isolates\u2069\u2069");

        var receive = CliRun.Start(["receive", link], confirm: "y");

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(s_bound));
        Assert.Contains("Title:       Car key \uFFFDgnp.exe\uFFFD", receive.Console.Messages);
        Assert.Contains("Description: two\uFFFD\uFFFD isolates\uFFFD\uFFFD", receive.Console.Messages);
        AssertNoHiddenCharacters(receive.Console.Everything);
        await share.Exit.WaitAsync(s_bound);
    }

    [Theory]
    [InlineData("\u202Edetelpmoc refsnart :EKAF", "\uFFFDdetelpmoc refsnart :EKAF")]
    [InlineData("\u2067FAKE: transfer completed\u2069", "\uFFFDFAKE: transfer completed\uFFFD")]
    [InlineData("not now\rFAKE: transfer completed", "not now FAKE: transfer completed")]
    [InlineData("not now\u001b[2K\u001b[GFAKE: transfer completed", "not now\uFFFD[2K\uFFFD[GFAKE: transfer completed")]
    public async Task Share_RecipientCancelsWithAReasonThatWouldDisplayAsSomethingElse_TheLineShowsEveryCharacter(string reason, string shown)
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--text", "x");
        using (var url = TigressLink.Parse(link))
        using (var recipient = TransferSession.Receive(new TigressClient(new MailboxClient(new HttpClient())), url))
        {
            await recipient.GetOfferAsync();
            await recipient.DeclineAsync(reason);
        }

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await share.Exit.WaitAsync(s_bound));
        Assert.Equal($"tigress share: The recipient cancelled the share: {shown}", Assert.Single(share.Console.ErrorLines));
        AssertNoHiddenCharacters(share.Console.Everything);
    }

    [Fact]
    public async Task Share_RelayProblemDetailWithADirectionOverride_ShownWithAReplacement()
    {
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync("{\"type\":\"urn:tigress:problem:invalid-request\",\"title\":\"Bad\",\"detail\":\"\\u202Edetelpmoc refsnart :EKAF\"}");
        });

        var cli = await CliRun.RunAsync("share", "--relay", server.BaseUri.AbsoluteUri, "--text", "x");

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("\uFFFDdetelpmoc refsnart :EKAF", line, StringComparison.Ordinal);
        AssertNoHiddenCharacters(line);
    }

    private static void AssertNoHiddenCharacters(string text)
    {
        foreach (var c in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\u200E\u200F\u061C\r\u001b")
        {
            Assert.DoesNotContain(c, text);
        }
    }

    [Fact]
    public async Task Receive_DescriptionWorded_ToWrapIntoTheVerdictAndTheQuestion_CannotForgeEitherLine()
    {
        // At 80 columns, with the description starting after its 13-column label, each filler word ends a line, so a
        // screen that wrapped the description back to the first column would show the verdict and an answered
        // question the relay and the person never gave.
        const string verdict = "The relay's preview matches what the sender sealed into the share.";
        var description = new string('x', 66) + " " + verdict + " " + new string('z', 79) + " accept? [Y/n] y";
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--text", "x", "--description", description);

        var receive = CliRun.Start(["receive", link], confirm: "n");

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await receive.Exit.WaitAsync(s_bound));
        var screen = receive.Console.Screen;
        Assert.Single(screen, l => l == verdict);
        Assert.Equal("accept? [Y/n] n", Assert.Single(screen, l => l.StartsWith("accept?", StringComparison.Ordinal)));
        Assert.Equal(verdict, screen[^2]);
        var descriptionLines = screen.SkipWhile(l => !l.StartsWith("Description:", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("Credential:", StringComparison.Ordinal)).ToList();
        Assert.True(descriptionLines.Count > 2, string.Join("\n", screen));
        Assert.All(descriptionLines.Skip(1), l => Assert.StartsWith(new string(' ', 13), l, StringComparison.Ordinal));
        Assert.All(screen, l => Assert.True(l.Length <= TestInteractionService.ScreenWidth, l));
        await share.Exit.WaitAsync(s_bound);
    }
}
