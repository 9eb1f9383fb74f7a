namespace Tigress.Relay.Dropbox;

/// <summary>A dropbox location: 43 base64url characters, the encoding of a 32-byte HKDF output (docs/protocol.md section 11).</summary>
internal static class DropboxLocation
{
    public const int Length = 43;

    public static bool IsValid(string? location)
    {
        if (location is not { Length: Length })
        {
            return false;
        }

        foreach (var c in location)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
