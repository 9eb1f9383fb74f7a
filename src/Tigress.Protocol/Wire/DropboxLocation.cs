namespace Tigress.Protocol.Wire;

/// <summary>A dropbox location: 43 base64url characters, the encoding of a 32-byte HKDF output U_i
/// (docs/protocol.md section 11.4), appended to the invitation's base URL.</summary>
public static class DropboxLocation
{
    /// <summary>The length of every location, in characters.</summary>
    public const int Length = 43;

    /// <summary>True when <paramref name="location"/> has the shape of a location: exactly <see cref="Length"/>
    /// characters of the base64url alphabet, no padding.</summary>
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
