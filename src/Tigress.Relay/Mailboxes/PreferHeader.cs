using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tigress.Relay.Mailboxes;

/// <summary>The <c>wait</c> preference of RFC 7240 (profile P2).</summary>
internal static class PreferHeader
{
    /// <summary>How long a read may hold: <c>Prefer: wait=N</c> capped at <paramref name="maximum"/>; zero without one.</summary>
    public static TimeSpan Wait(HttpRequest request, TimeSpan maximum)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                var token = preference.Split(';', 2)[0].Trim();
                if (!token.StartsWith("wait=", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // An unparsable wait is ignored, as RFC 7240 asks of preferences a server does not understand.
                if (long.TryParse(token.AsSpan(5).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    var requested = TimeSpan.FromSeconds(Math.Min(seconds, (long)maximum.TotalSeconds));
                    return requested < maximum ? requested : maximum;
                }
            }
        }

        return TimeSpan.Zero;
    }
}
