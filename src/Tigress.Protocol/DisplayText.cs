using System.Globalization;
using System.Text;

namespace Tigress.Protocol;

/// <summary>
/// The one rule for text that another party chose and a person will see (a share's title and description, a cancel
/// reason, a relay's problem detail, a file name): which characters must never reach a screen as they are, and how
/// to make such text safe to show on one line.
/// </summary>
/// <remarks>
/// Unsafe are the characters that hide, reorder or rewrite what is around them: controls (C0, DEL and C1, so line
/// breaks and terminal escape sequences), every Unicode format character (category Cf: the bidirectional embeddings,
/// overrides and isolates U+202A to U+202E and U+2066 to U+2069, U+061C, the zero-width characters U+200B to U+200F
/// and U+2060 to U+2064, U+FEFF, the tag characters), the line and paragraph separators U+2028 and U+2029, and
/// surrogate halves that do not form a pair. Emoji sequences joined by U+200D lose their joiner too: a person sees
/// each emoji of the sequence, with a replacement character between them.
/// </remarks>
public static class DisplayText
{
    /// <summary>What <see cref="ToLine"/> and <see cref="ReplaceUnsafe"/> show in place of an unsafe character: U+FFFD,
    /// visible, so a person sees that something was there.</summary>
    public const char Replacement = '\uFFFD';

    private const char Ellipsis = '\u2026';

    /// <summary>Whether <paramref name="rune"/> must never be shown as it is (see the class remarks).</summary>
    public static bool IsUnsafe(Rune rune) =>
        Rune.IsControl(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>Whether every character of <paramref name="text"/> may be shown as it is: no unsafe character, and no
    /// surrogate half without its pair.</summary>
    public static bool IsSafe(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || IsUnsafe(rune))
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    /// <summary>
    /// <paramref name="text"/> made safe to show on one line: every run of white space (line breaks and tabs included)
    /// becomes one space, every other unsafe character becomes <see cref="Replacement"/>, and the ends are trimmed. Text
    /// longer than <paramref name="maxLength"/> characters is cut, and ends with an ellipsis. Null for null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public static string? ToLine(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            // A lone surrogate arrives here as U+FFFD already.
            if (IsBlank(rune))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(IsUnsafe(rune) ? new Rune(Replacement) : rune);
            if (builder.Length > maxLength)
            {
                break;
            }
        }

        if (builder.Length <= maxLength)
        {
            return builder.ToString();
        }

        // Room for the ellipsis, and never half of a surrogate pair.
        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(builder[cut - 1]))
        {
            cut--;
        }

        return builder.ToString(0, cut).TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// <paramref name="text"/> with each unsafe character replaced: white space by a space, anything else by
    /// <see cref="Replacement"/>. Nothing is collapsed, trimmed or cut; for a line of a program's own output that may
    /// carry someone else's words.
    /// </summary>
    public static string ReplaceUnsafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsSafe(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(!IsUnsafe(rune) ? rune : Rune.IsWhiteSpace(rune) ? new Rune(' ') : new Rune(Replacement));
        }

        return builder.ToString();
    }

    // White space, and the Hangul fillers and the braille blank, which draw nothing either and would let a run of them
    // pass for spaces.
    private static bool IsBlank(Rune rune) =>
        Rune.IsWhiteSpace(rune) || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;
}
