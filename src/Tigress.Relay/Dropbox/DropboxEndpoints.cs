using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Mailboxes;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Dropbox;

/// <summary>
/// The HTTP dropbox binding on the relay (docs/protocol.md section 11): <c>PUT</c>, <c>GET</c> and <c>DELETE</c> on
/// <c>/d/{location}</c>, write-once locations, no listing, expiry with the relay's TTL, <c>Prefer: wait</c> on GET,
/// and the optional cookie lock that admits only the first two clients of each location.
/// </summary>
internal sealed class DropboxEndpoints(
    IDropboxStore store,
    IOptions<RelayOptions> options,
    [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time,
    LongPoll longPoll,
    RelayUrls urls,
    RelayMetrics metrics,
    StoreRoom room)
{
    public const string CookieName = "tigress-lock";
    private const string OctetStream = "application/octet-stream";

    private readonly RelayOptions _options = options.Value;

    public async Task PutAsync(HttpContext context, string location)
    {
        if (!DropboxLocation.IsValid(location))
        {
            await ProblemWriter.WriteAsync(context, Problem.InvalidRequest($"A dropbox location is {DropboxLocation.Length} base64url characters.")).ConfigureAwait(false);
            return;
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(context, _options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (problem is not null)
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        if (room.Check() is not StoreShortage.None and var shortage)
        {
            await room.RefuseAsync(context, shortage).ConfigureAwait(false);
            return;
        }

        var (request, offered) = Request(context, location);
        var result = await store.PutAsync(request, body!, request.Now + _options.MaxTtl, context.RequestAborted).ConfigureAwait(false);
        GiveCookie(context, location, result, offered);
        switch (result.Status)
        {
            case DropboxStatus.Ok:
                metrics.DropboxWritten();
                context.Response.StatusCode = StatusCodes.Status201Created;
                break;
            case DropboxStatus.AlreadyWritten:
                await ProblemWriter.WriteAsync(context, Problem.AlreadyWritten()).ConfigureAwait(false);
                break;
            default:
                await WriteFailureAsync(context, result.Status).ConfigureAwait(false);
                break;
        }
    }

    public async Task GetAsync(HttpContext context, string location)
    {
        if (!DropboxLocation.IsValid(location))
        {
            await ProblemWriter.WriteAsync(context, Problem.NotFound()).ConfigureAwait(false);
            return;
        }

        var wait = PreferWait.Parse(context.Request.Headers[MailboxHeaderNames.Prefer], _options.MaxWait);
        var started = time.GetTimestamp();
        var (request, offered) = Request(context, location);
        var cookieGiven = false;
        while (true)
        {
            using var watch = wait > TimeSpan.Zero ? store.Watch(location) : null;
            var result = await store.GetAsync(request with { Now = time.GetUtcNow() }, request.Now + _options.MaxTtl, context.RequestAborted).ConfigureAwait(false);
            if (!cookieGiven && result.CookieIssued)
            {
                GiveCookie(context, location, result, offered);
                cookieGiven = true;

                // From now on this client is known by the cookie just given.
                request = request with { Lock = request.Lock! with { Presented = Hash(offered) } };
            }

            if (result.Status == DropboxStatus.Ok)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = OctetStream;
                context.Response.Headers.CacheControl = "no-store";
                context.Response.ContentLength = result.Body!.Length;
                await context.Response.Body.WriteAsync(result.Body, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var remaining = wait - time.GetElapsedTime(started);
            if (result.Status != DropboxStatus.NotFound || watch is null || remaining <= TimeSpan.Zero)
            {
                await WriteFailureAsync(context, result.Status).ConfigureAwait(false);
                return;
            }

            if (!await longPoll.WaitAsync(watch.Changed, remaining, context.RequestAborted).ConfigureAwait(false))
            {
                wait = TimeSpan.Zero;
            }
        }
    }

    public async Task DeleteAsync(HttpContext context, string location)
    {
        if (!DropboxLocation.IsValid(location))
        {
            await ProblemWriter.WriteAsync(context, Problem.NotFound()).ConfigureAwait(false);
            return;
        }

        var (request, offered) = Request(context, location);
        var result = await store.DeleteAsync(request, request.Now + _options.MaxTtl, context.RequestAborted).ConfigureAwait(false);
        GiveCookie(context, location, result, offered);
        if (result.Status == DropboxStatus.Ok)
        {
            metrics.DropboxDeleted();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await WriteFailureAsync(context, result.Status).ConfigureAwait(false);
    }

    private (DropboxRequest Request, string Offered) Request(HttpContext context, string location)
    {
        var now = time.GetUtcNow();
        if (!_options.DropboxLock)
        {
            return (new DropboxRequest(location, now, null), string.Empty);
        }

        Span<byte> fresh = stackalloc byte[32];
        RandomNumberGenerator.Fill(fresh);
        var offered = Base64Url.EncodeToString(fresh);
        CryptographicOperations.ZeroMemory(fresh);
        var presented = context.Request.Cookies[CookieName] is { Length: > 0 } cookie ? Hash(cookie) : null;
        return (new DropboxRequest(location, now, new DropboxLockKey(presented, Hash(offered))), offered);
    }

    private void GiveCookie(HttpContext context, string location, DropboxResult result, string offered)
    {
        if (!result.CookieIssued)
        {
            return;
        }

        context.Response.Cookies.Append(CookieName, offered, new CookieOptions
        {
            // The public path, not the request's: behind a proxy that strips a prefix, the client sees the prefix.
            Path = urls.PublicPath + "/d/" + location,
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
        });
    }

    private static byte[] Hash(string cookie) => SHA256.HashData(Encoding.UTF8.GetBytes(cookie));

    private static Task WriteFailureAsync(HttpContext context, DropboxStatus status) => ProblemWriter.WriteAsync(context, status switch
    {
        DropboxStatus.Locked => Problem.Locked(),
        DropboxStatus.AlreadyWritten => Problem.AlreadyWritten(),
        _ => Problem.NotFound(),
    });
}
