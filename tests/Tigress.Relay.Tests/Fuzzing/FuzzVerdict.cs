using System.Text;
using System.Text.Json;

namespace Tigress.Relay.Tests.Fuzzing;

/// <summary>
/// What an answer to bad input may be. Through the pipeline: anything below 500, and every 4xx problem+json.
/// Kestrel answers a request it cannot parse before any middleware runs, always the same way: status line,
/// <c>Content-Length: 0</c>, <c>Connection: close</c>, <c>Date</c> (and <c>Allow</c> on its 405), nothing else.
/// Those answers are allowed for exactly the statuses docs/relay.md lists, and 405 only with <c>Allow: CONNECT</c> or
/// <c>OPTIONS</c>. Never a 505: every fuzzed request opens its own connection, where the relay's version guard answers
/// an unknown version with a 400 problem before Kestrel could.
/// </summary>
internal static class FuzzVerdict
{
    /// <summary>The statuses Kestrel answers itself, without a body (docs/relay.md, "Errors the relay cannot shape").</summary>
    public static readonly IReadOnlySet<int> KestrelStatuses = new HashSet<int> { 400, 405, 408, 414, 431 };

    /// <summary>Why the answer breaks the rules, or <see langword="null"/> when it keeps them.</summary>
    public static string? Judge(byte[] request, bool isHead, RawResponse response)
    {
        if (response.Status < 100)
        {
            return "the answer is not HTTP";
        }

        if (Encoding.Latin1.GetString(response.Body).Contains("   at ", StringComparison.Ordinal))
        {
            return "the body holds a stack trace";
        }

        if (response.Status < 400)
        {
            return null;
        }

        if (IsKestrelAnswer(response))
        {
            if (!KestrelStatuses.Contains(response.Status))
            {
                return $"Kestrel answered {response.Status}, which docs/relay.md does not list";
            }

            // Kestrel's 405 is for a target form only one method may use: authority-form (CONNECT), asterisk-form (OPTIONS).
            var allowsOneMethod = response.Header("Allow") is "CONNECT" or "OPTIONS";
            if ((response.Status == 405) != allowsOneMethod)
            {
                return "Kestrel's 405 without Allow: CONNECT or OPTIONS, or an Allow on another status";
            }

            return null;
        }

        if (response.Status >= 500)
        {
            return $"a {response.Status} from the pipeline";
        }

        if (response.MediaType != "application/problem+json")
        {
            return $"a {response.Status} without problem+json";
        }

        if (isHead)
        {
            return null;
        }

        if (!response.Complete)
        {
            return $"a {response.Status} problem+json body that never ended";
        }

        try
        {
            using var problem = JsonDocument.Parse(response.Body);
            var root = problem.RootElement;
            if (!root.TryGetProperty("type", out var type) || type.GetString()?.StartsWith("urn:tigress:problem:", StringComparison.Ordinal) != true)
            {
                return "a problem without a tigress type";
            }

            if (!root.TryGetProperty("status", out var status) || status.GetInt32() != response.Status)
            {
                return "a problem whose status differs from the answer's";
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return "a problem+json body that is not a JSON problem";
        }

        return null;
    }

    /// <summary>Kestrel's own rejection: an error with nothing but a zero length, a close, the date, and for 405 an Allow.</summary>
    public static bool IsKestrelAnswer(RawResponse response) =>
        response.Status >= 400
        && response.Header("Content-Length") == "0"
        && response.Header("Connection")?.Equals("close", StringComparison.OrdinalIgnoreCase) == true
        && response.Headers.All(h => h.Key is "Content-Length" or "Connection" or "Date" or "Allow");
}
