namespace Tigress.Protocol.Mailbox;

/// <summary>
/// The transport rule every client keeps: talk to a relay over https, and over plain http only when the
/// relay is on a loopback address (a relay under test on the same machine).
/// </summary>
internal static class RelayTransport
{
    /// <summary>True when <paramref name="uri"/> is absolute and either https, or http to a loopback host.</summary>
    public static bool IsPermitted(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }
}
