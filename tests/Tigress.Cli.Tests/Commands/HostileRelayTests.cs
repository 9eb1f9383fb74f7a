using Microsoft.AspNetCore.Http;
using Tigress.Cli.Tests.TestServices;

namespace Tigress.Cli.Tests.Commands;

/// <summary>
/// <c>tigress share</c> against a relay that misbehaves on purpose: it says when the relay is slow, and never claims
/// a link works, or no longer works, when no link was ever issued.
/// </summary>
public sealed class HostileRelayTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Share_RelayDripsItsAnswer_SaysInOneLineItIsSlow_AndCtrlCSaysNothingWasShared()
    {
        await using var server = await ScriptedServer.StartAsync(async context =>
        {
            if (context.Request.Method != HttpMethods.Post)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // One byte of a create answer every 200 ms, for at most two minutes.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(200, context.RequestAborted);
            }
        });
        using var ctrlC = new CancellationTokenSource();

        var share = CliRun.Start(["share", "--relay", server.BaseUri.AbsoluteUri, "--text", "x"], cancellationToken: ctrlC.Token);
        await WaitUntilAsync(() => share.Console.Messages.Any(m => m.StartsWith("No answer from the relay yet", StringComparison.Ordinal)) || share.Exit.IsCompleted);
        await ctrlC.CancelAsync();

        Assert.Equal(ExitCodes.Interrupted, await share.Exit.WaitAsync(s_bound));
        Assert.Equal("No answer from the relay yet; still trying. Nothing is shared until the link is printed; Ctrl-C gives up.", Assert.Single(share.Console.Messages));
        Assert.Equal("tigress share: Interrupted: nothing was shared.", Assert.Single(share.Console.ErrorLines));
        Assert.Empty(share.Console.OutputLines);
    }

    [Fact]
    public async Task Share_CreateNeverSucceeds_SaysNothingWasShared()
    {
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Method == HttpMethods.Post ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        var share = await CliRun.RunAsync("share", "--relay", server.BaseUri.AbsoluteUri, "--text", "x");

        Assert.Equal(ExitCodes.RelayRefused, await share.Exit);
        var line = Assert.Single(share.Console.ErrorLines);
        Assert.EndsWith(" Nothing was shared.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("link", line, StringComparison.Ordinal);
        Assert.Empty(share.Console.OutputLines);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(s_bound);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
