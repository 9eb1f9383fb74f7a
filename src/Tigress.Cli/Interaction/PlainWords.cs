using System.Globalization;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Mailbox;

namespace Tigress.Cli.Interaction;

/// <summary>What a share is and when it ends, in the words a person uses, instead of format names and timestamps.</summary>
internal static class PlainWords
{
    /// <summary>The credential an offer carries: "a text", "a file: notes.txt", "a car key", "a home key"; a format
    /// this command has no words for is named as it is.</summary>
    public static string Credential(TransferOffer offer) => (offer.Format, offer.Vertical) switch
    {
        (CarKeyVertical.FormatName, _) or (_, ShareVertical.CarKey) => "a car key",
        (_, ShareVertical.HomeKey) => "a home key",
        (AuthorizationTokenVertical.FormatName, _) when offer.FileName is { } name => $"a file: {Commands.ReceivedFile.Printable(name)}",
        (AuthorizationTokenVertical.FormatName, _) => "a text",
        var (format, _) => $"a credential in the format {format}",
    };

    /// <summary>The title a share gets when the sender gives none: neutral, short enough for a phone's preview, and
    /// naming no command, since the recipient may open the link in a browser.</summary>
    public static string DefaultTitle(string format, ShareVertical? vertical, bool file) => (format, vertical) switch
    {
        (CarKeyVertical.FormatName, _) or (_, ShareVertical.CarKey) => "A shared car key",
        (_, ShareVertical.HomeKey) => "A shared home key",
        _ when file => "A shared file",
        _ => "A shared text",
    };

    /// <summary>When something expires, relative and in local time: "in 48 hours (Wed 9 Dec 21:40)".</summary>
    public static string Expiry(DateTimeOffset expiration, DateTimeOffset now, TimeZoneInfo zone)
    {
        var left = expiration - now;
        var relative = left.TotalMinutes switch
        {
            < 1 => "in less than a minute",
            < 59.5 => Count(left.TotalMinutes, "minute"),
            < 48 * 60 + 30 => Count(left.TotalHours, "hour"),
            _ => Count(left.TotalDays, "day"),
        };
        var local = TimeZoneInfo.ConvertTime(expiration, zone);
        var format = local.Year == TimeZoneInfo.ConvertTime(now, zone).Year ? "ddd d MMM HH:mm" : "ddd d MMM yyyy HH:mm";
        return $"{relative} ({local.ToString(format, CultureInfo.InvariantCulture)})";
    }

    private static string Count(double amount, string unit)
    {
        var rounded = (long)Math.Round(amount, MidpointRounding.AwayFromZero);
        return rounded == 1 ? $"in 1 {unit}" : $"in {rounded.ToString(CultureInfo.InvariantCulture)} {unit}s";
    }
}
