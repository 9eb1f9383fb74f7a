using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Http;

/// <summary>A server that answers at once but sends the body a byte at a time: the response timeout bounds the whole
/// answer, body included, not the wait between two bytes.</summary>
public sealed class DrippingServerTests
{
    [Fact]
    public async Task Create_ServerDripsItsAnswer_EachAttemptEndsAtTheResponseTimeout()
    {
        var (app, baseUri) = await LoopbackApp.StartAsync(web => web.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        }));
        await using var _ = app;
        using var client = new MailboxClient(new MailboxClientOptions { ResponseTimeout = TimeSpan.FromSeconds(1), MaxRetries = 1, InitialRetryDelay = TimeSpan.FromMilliseconds(10) });
        using var key = ShareKey.Generate();
        var started = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<MailboxException>(() => client.CreateAsync(baseUri, Guid.NewGuid(), Samples.CreateRequest(key)));

        Assert.Equal(MailboxError.RelayUnreachable, failure.Error);
        Assert.Contains("did not answer within 1 seconds", failure.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"Took {started.Elapsed} against a server that drips its answer.");
    }
}
