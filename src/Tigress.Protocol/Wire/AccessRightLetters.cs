using System.Text;

namespace Tigress.Protocol.Wire;

/// <summary>The text form of <see cref="MailboxAccessRights"/>: the letters <c>R</c>, <c>W</c> and <c>D</c>, each at
/// most once, in any order (written in that order); the empty string is no right.</summary>
public static class AccessRightLetters
{
    /// <summary>The letters of <paramref name="rights"/>, in the order R, W, D.</summary>
    public static string Format(MailboxAccessRights rights)
    {
        var letters = new StringBuilder(3);
        if ((rights & MailboxAccessRights.Read) != 0)
        {
            letters.Append('R');
        }

        if ((rights & MailboxAccessRights.Write) != 0)
        {
            letters.Append('W');
        }

        if ((rights & MailboxAccessRights.Delete) != 0)
        {
            letters.Append('D');
        }

        return letters.ToString();
    }

    /// <summary>Reads <paramref name="letters"/>; false for any other character or a letter given twice.</summary>
    public static bool TryParse(string? letters, out MailboxAccessRights rights)
    {
        rights = MailboxAccessRights.None;
        if (letters is null)
        {
            return false;
        }

        foreach (var letter in letters)
        {
            var right = letter switch
            {
                'R' => MailboxAccessRights.Read,
                'W' => MailboxAccessRights.Write,
                'D' => MailboxAccessRights.Delete,
                _ => MailboxAccessRights.None,
            };
            if (right == MailboxAccessRights.None || (rights & right) != 0)
            {
                rights = MailboxAccessRights.None;
                return false;
            }

            rights |= right;
        }

        return true;
    }
}
