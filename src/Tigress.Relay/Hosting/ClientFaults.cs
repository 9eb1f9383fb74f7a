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
/// </summary>
internal static class ClientFaults
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsClientFault(exception, context))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientFaults).FullName!);
            RelayLog.ClientFault(logger, context.GetEndpoint()?.DisplayName ?? "request", exception.GetType().Name);
            if (exception is BadHttpRequestException bad && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                try
                {
                    await ProblemWriter.WriteAsync(context, Problem.ForStatus(bad.StatusCode)).ConfigureAwait(false);
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
        || (exception is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested);
}
