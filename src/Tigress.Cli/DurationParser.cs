using System.Globalization;

namespace Tigress.Cli;

/// <summary>Reads human durations such as <c>90s</c>, <c>30m</c>, <c>48h</c> and <c>7d</c>.</summary>
internal static class DurationParser
{
    /// <summary>Longer than any relay keeps anything; a longer duration is a typing mistake.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    /// <summary>Parses <paramref name="text"/>; anything longer than <see cref="Longest"/> (even too long for a
    /// <see cref="TimeSpan"/>) parses as <see cref="TimeSpan.MaxValue"/>, so the caller can say it is too long rather
    /// than malformed.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2 || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        double? seconds = char.ToLowerInvariant(text[^1]) switch
        {
            's' => amount,
            'm' => amount * 60,
            'h' => amount * 3600,
            'd' => amount * 86400,
            _ => null,
        };
        TimeSpan? parsed = seconds is not { } value ? null
            : value > Longest.TotalSeconds ? TimeSpan.MaxValue
            : TimeSpan.FromSeconds(value);
        duration = parsed ?? default;
        return parsed is not null;
    }
}
