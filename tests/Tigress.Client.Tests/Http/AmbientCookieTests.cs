using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Http;

/// <summary>
/// The dropbox draft forbids carrying anything from another context, such as cookies, and the mailbox claim must be
/// the only thing that identifies a device: the SDK's own HTTP clients keep no cookie a server hands out.
/// </summary>
public sealed class AmbientCookieTests
{
    [Fact]
    public async Task OwnHttpClients_NeverSendBackACookieAServerSet()
    {
        var seen = new ConcurrentQueue<(string Path, string? Cookie)>();
        var (app, baseUri) = await LoopbackApp.StartAsync(web => web.Run(async context =>
        {
            seen.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.Headers.Cookie.FirstOrDefault()));
            context.Response.Headers.SetCookie = "ambient=from-another-context; Path=/";
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<!doctype html><title>x</title>");
        }));
        try
        {
            using var mailbox = new MailboxClient();
            var preview = new Uri(baseUri, $"v1/m/{Guid.NewGuid()}");
            await mailbox.GetPreviewAsync(preview);
            await mailbox.GetPreviewAsync(preview);

            using var dropbox = new DropboxClient();
            var folder = new Uri(baseUri, "folder/");
            await dropbox.ResolveBaseAsync(folder);
            await dropbox.ResolveBaseAsync(folder);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Assert.Equal(4, seen.Count);
        Assert.All(seen, request => Assert.Null(request.Cookie));
    }
}
