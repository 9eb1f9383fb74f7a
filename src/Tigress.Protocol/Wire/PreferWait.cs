using System.Globalization;

namespace Tigress.Protocol.Wire;

/// <summary>
/// The <c>wait</c> preference of RFC 7240 that turns a read into a long poll (docs/protocol.md section 7.6).
/// </summary>
/// <remarks>
/// One rounding rule for every client: a positive wait is rounded <em>up</em> to whole seconds, so a wait shorter
/// than a second still waits (one second) instead of silently turning into a poll. A client's own deadline for the
/// answer counts from the rounded value (<see cref="ToSeconds"/>), never from the unrounded one.
/// </remarks>
public static class PreferWait
{
    private const string Token = "wait";

    /// <summary>The whole seconds a <paramref name="wait"/> is sent as: rounded up; 0 for no wait.</summary>
    public static int ToSeconds(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? 0 : (int)Math.Min(Math.Ceiling(wait.TotalSeconds), int.MaxValue);

    /// <summary>The <c>Prefer</c> value for <paramref name="wait"/> (<c>wait=N</c>), or null for no wait.</summary>
    public static string? Format(TimeSpan wait) => ToSeconds(wait) is > 0 and var seconds
        ? Token + "=" + seconds.ToString(CultureInfo.InvariantCulture)
        : null;

    /// <summary>
    /// The wait the <c>Prefer</c> header values ask for, capped at <paramref name="maximum"/>; zero without one. The
    /// name is case-insensitive, white space around <c>=</c> is allowed (RFC 7240 section 2), the value may be quoted,
    /// and an unparsable wait is ignored, as RFC 7240 asks of preferences a server does not understand.
    /// </summary>
    public static TimeSpan Parse(IEnumerable<string?> headerValues, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        foreach (var header in headerValues)
        {
            foreach (var preference in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                var token = preference.Split(';', 2)[0];
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0 || !token.AsSpan(0, equals).Trim(" \t").Equals(Token, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

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
