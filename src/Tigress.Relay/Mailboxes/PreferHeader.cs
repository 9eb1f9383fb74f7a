using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tigress.Relay.Mailboxes;

/// <summary>The <c>wait</c> preference of RFC 7240 (docs/protocol.md section 7.6).</summary>
internal static class PreferHeader
{
    /// <summary>How long a read may hold: <c>Prefer: wait=N</c> capped at <paramref name="maximum"/>; zero without one.</summary>
    public static TimeSpan Wait(HttpRequest request, TimeSpan maximum)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                // preference = token [ BWS "=" BWS word ] (RFC 7240 section 2): "wait = 5" is "wait=5".
                var token = preference.Split(';', 2)[0];
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0 || !token.AsSpan(0, equals).Trim(" \t").Equals("wait", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // An unparsable wait is ignored, as RFC 7240 asks of preferences a server does not understand.
                if (long.TryParse(token.AsSpan(equals + 1).Trim(" \t").Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    var requested = TimeSpan.FromSeconds(Math.Min(seconds, (long)maximum.TotalSeconds));
                    return requested < maximum ? requested : maximum;
                }
            }
        }

        return TimeSpan.Zero;
    }
}
