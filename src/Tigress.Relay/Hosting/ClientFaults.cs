using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Problems;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Middleware for failures a client causes: a truncated or badly framed body, or a connection dropped mid-request.
/// They are the client's misbehaviour, not the relay's: one Debug line without a stack trace, a 400 problem+json if
/// the client is still there to read it, and nothing for the exception handler, which would log an error each time.
/// A chunk size too large for Kestrel's parser (8 or more hex digits past <c>7fffffff</c>) is one of them: Kestrel
/// reports it as an <see cref="IOException"/> around an <see cref="OverflowException"/>, not as a bad request.
/// A request framed two ways at once (<c>Transfer-Encoding: chunked</c> named twice) is refused before it is read,
/// since a proxy in front may frame it differently; so is a <c>Content-Length</c> spelled laxly (<c>+5</c>, <c>05</c>),
/// which <see cref="ContentLengthGuard"/> finds in the raw head.
/// </summary>
internal static class ClientFaults
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<FramingScanner>()?.TakeLaxContentLength() == true)
        {
            // Kestrel read "+5" or "05" as 5; a proxy in front may not have. Nothing of the body is read.
            context.Response.Headers.Connection = "close";
            await ProblemWriter.WriteAsync(context, Problem.InvalidHeader("Content-Length must be digits only, without a sign or leading zeros.")).ConfigureAwait(false);
            return;
        }

        if (HasDoubledChunkedCoding(context.Request))
        {
            // The connection closes after the answer: the body was never read, so its framing stays unknown.
            context.Response.Headers.Connection = "close";
            await ProblemWriter.WriteAsync(context, Problem.InvalidHeader("Transfer-Encoding names chunked more than once.")).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsClientFault(exception, context))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientFaults).FullName!);
            RelayLog.ClientFault(logger, context.GetEndpoint()?.DisplayName ?? "request", exception.GetType().Name);
            var problem = exception switch
            {
                BadHttpRequestException bad => Problem.ForStatus(bad.StatusCode),
                _ when IsOverflowingChunkSize(exception) => Problem.InvalidRequest("A chunk size of the request body is too large."),
                _ => null,
            };
            if (problem is not null && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                try
                {
                    if (problem.Status == StatusCodes.Status400BadRequest)
                    {
                        // The rest of the body cannot be framed: nothing more is read on this connection.
                        context.Response.Headers.Connection = "close";
                    }

                    await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    // Gone while the answer was written: nothing left to tell it.
                }
            }

            context.Abort();
        }
    }

    private static bool IsClientFault(Exception exception, HttpContext context) =>
        exception is BadHttpRequestException or ConnectionResetException
        || IsOverflowingChunkSize(exception)
        || (exception is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested);

    // Kestrel's chunk-size parser wraps its checked arithmetic's overflow this way; nothing else of the relay does.
    private static bool IsOverflowingChunkSize(Exception exception) =>
        exception is IOException { InnerException: OverflowException } and not ConnectionResetException;

    private static bool HasDoubledChunkedCoding(HttpRequest request)
    {
        var codings = request.Headers.TransferEncoding;
        if (codings.Count == 0)
        {
            return false;
        }

        var chunked = 0;
        foreach (var value in codings)
        {
            foreach (var coding in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                if (coding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    chunked++;
                }
            }
        }

        return chunked > 1;
    }
}
