using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Tigress.Protocol.Wire;
using Tigress.Relay.Problems;

namespace Tigress.Relay.Mailboxes;

/// <summary>Reads the mailbox API's own headers (<see cref="MailboxHeaderNames"/>, docs/protocol.md section 7.2).</summary>
internal static class MailboxHeaders
{
    private const string RequestId = MailboxHeaderNames.RequestId;
    private const string DeviceClaim = MailboxHeaderNames.DeviceClaim;

    public static bool TryGetRequestId(HttpRequest request, out Guid requestId, [NotNullWhen(false)] out Problem? problem) =>
        TryGetUuid(request, RequestId, missingIsUnauthorized: false, out requestId, out problem);

    public static bool TryGetClaim(HttpRequest request, out Guid claim, [NotNullWhen(false)] out Problem? problem) =>
        TryGetUuid(request, DeviceClaim, missingIsUnauthorized: true, out claim, out problem);

    /// <summary>The request id exactly as sent if the request carries a valid one, to echo on the answer.</summary>
    /// <remarks>
    /// The drafts have the caller match the echo against what it sent, so upper-case hex comes back upper case. A
    /// valid id is 36 characters of hex digits and hyphens, so nothing else of the request is ever reflected.
    /// </remarks>
    public static string? EchoableRequestId(HttpRequest request) =>
        request.Headers[RequestId] is [{ Length: 36 } value] && Guid.TryParseExact(value, "D", out _) ? value : null;

    /// <summary>
    /// Puts the request id on the answer. The relay's host does so for every answer; the mailbox handlers call this
    /// too, so an application that maps the relay into its own pipeline still echoes it on the relay's answers.
    /// </summary>
    public static void Echo(HttpContext context)
    {
        if (EchoableRequestId(context.Request) is { } requestId)
        {
            context.Response.Headers[RequestId] = requestId;
        }
    }

    private static bool TryGetUuid(HttpRequest request, string header, bool missingIsUnauthorized, out Guid value, [NotNullWhen(false)] out Problem? problem)
    {
        value = default;
        var values = request.Headers[header];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            // A missing claim is the caller not saying who it is (401); a missing request id is a malformed request.
            problem = missingIsUnauthorized
                ? Problem.WrongClaim($"The {header} header is required.")
                : Problem.InvalidHeader($"The {header} header is required.");
            return false;
        }

        if (values.Count > 1 || !Guid.TryParseExact(values[0], "D", out value))
        {
            problem = Problem.InvalidHeader($"The {header} header must be one UUID, like 3f0c8e9a-5b1d-4c2e-9f6a-7d8e9fa0b1c2.");
            return false;
        }

        problem = null;
        return true;
    }
}
