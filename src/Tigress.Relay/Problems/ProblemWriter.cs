using Microsoft.AspNetCore.Http;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Relay.Problems;

/// <summary>Writes <see cref="Problem"/> documents as <c>application/problem+json</c>.</summary>
internal static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    /// <summary>The <c>X-Content-Type-Options</c> value: a browser must not read a JSON answer as anything else.</summary>
    public const string NoSniff = "nosniff";

    public static Task WriteAsync(HttpContext context, Problem problem)
    {
        var response = context.Response;
        response.StatusCode = problem.Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = NoSniff;
        if (problem.Status is 429 or 503 or 507 && !response.Headers.ContainsKey(MailboxHeaderNames.RetryAfter))
        {
            response.Headers.RetryAfter = "1";
        }

        return response.WriteAsJsonAsync(problem.ToMessage(), WireJsonContext.Default.ProblemDetailsMessage, ContentType, context.RequestAborted);
    }
}
