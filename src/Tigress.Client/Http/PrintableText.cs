using System.Text;

namespace Tigress.Client.Http;

/// <summary>Text from another party (a relay's problem detail, the other side's cancel reason), made safe to show.</summary>
internal static class PrintableText
{
    /// <summary>One line of at most <paramref name="maxLength"/> characters, with every control character (line breaks,
    /// terminal escapes) replaced by a space; null for null.</summary>
    public static string? From(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (builder.Length == maxLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
