using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

/// <summary>
/// Generates the PIN of a PIN-protected share and cleans up what a person types back. A PIN is ASCII digits only,
/// <see cref="MinimumLength"/> to <see cref="MaximumLength"/> of them; <see cref="DefaultLength"/> digits by default.
/// </summary>
/// <remarks>
/// Strings cannot be wiped; a caller that wants to clear the PIN after use can keep it in a <see cref="char"/> array and
/// use the span overloads.
/// </remarks>
public static class Pin
{
    /// <summary>The fewest digits a PIN may have: 6, a million possibilities for the one online guess an attacker gets.</summary>
    public const int MinimumLength = 6;

    /// <summary>The most digits a PIN may have.</summary>
    public const int MaximumLength = 32;

    /// <summary>The number of digits <see cref="Generate(int)"/> uses unless told otherwise: 7, so that the
    /// relay-assisted PIN's default of 3 guesses keeps a guesser's chance below one in a million (docs/protocol.md 12.6).</summary>
    public const int DefaultLength = 7;

    /// <summary>A new PIN of <paramref name="length"/> digits, each drawn uniformly from a CSPRNG.</summary>
    /// <param name="length">From <see cref="MinimumLength"/> to <see cref="MaximumLength"/>; <see cref="DefaultLength"/> by default.</param>
    public static string Generate(int length = DefaultLength)
    {
        ThrowIfInvalidLength(length, nameof(length));
        return string.Create(length, 0, static (digits, _) => Generate(digits));
    }

    /// <summary>Fills <paramref name="destination"/> with a new PIN; its length (6 to 32) is the number of digits.</summary>
    public static void Generate(Span<char> destination)
    {
        ThrowIfInvalidLength(destination.Length, nameof(destination));
        for (int i = 0; i < destination.Length; i++)
        {
            // GetInt32 rejects out-of-range draws itself, so every digit is exactly uniform.
            destination[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
    }

    /// <summary>Whether <paramref name="pin"/> is already in normal form: ASCII digits only, of an allowed length.</summary>
    public static bool IsValid(ReadOnlySpan<char> pin) =>
        pin.Length is >= MinimumLength and <= MaximumLength && !pin.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// Cleans up a PIN as typed: drops white space and dashes, turns digits of other scripts into ASCII digits, and
    /// refuses anything else. Succeeds only if the result is a valid PIN that fits in <paramref name="destination"/>.
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> input, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        foreach (char c in input)
        {
            // Phones and chat apps insert grouping spaces, no-break spaces and en dashes ("123 456", "123–456").
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category == UnicodeCategory.DashPunctuation)
            {
                continue;
            }

            // Decimal digits of any script (a keyboard may type Arabic-Indic or full-width digits), but not superscripts,
            // fractions, Roman numerals or other characters that merely have a numeric value.
            int digit = category == UnicodeCategory.DecimalDigitNumber ? CharUnicodeInfo.GetDecimalDigitValue(c) : -1;
            if (digit is < 0 or > 9 || charsWritten == destination.Length)
            {
                destination[..charsWritten].Clear();
                charsWritten = 0;
                return false;
            }

            destination[charsWritten++] = (char)('0' + digit);
        }

        if (charsWritten < MinimumLength)
        {
            destination[..charsWritten].Clear();
            charsWritten = 0;
            return false;
        }

        return true;
    }

    /// <summary>Cleans up a PIN as typed (see <see cref="TryNormalize(ReadOnlySpan{char}, Span{char}, out int)"/>) and checks it has <paramref name="expectedLength"/> digits.</summary>
    /// <param name="input">What the person typed; <see langword="null"/> fails.</param>
    /// <param name="expectedLength">The number of digits the PIN must have, from <see cref="MinimumLength"/> to <see cref="MaximumLength"/>.</param>
    /// <param name="pin">The PIN in normal form, or <see langword="null"/>.</param>
    public static bool TryNormalize([NotNullWhen(true)] string? input, int expectedLength, [NotNullWhen(true)] out string? pin)
    {
        ThrowIfInvalidLength(expectedLength, nameof(expectedLength));
        pin = null;
        if (input is null)
        {
            return false;
        }

        Span<char> digits = stackalloc char[MaximumLength];
        try
        {
            // One slot more than expected, so a PIN with too many digits fails here instead of being cut short.
            if (!TryNormalize(input, digits[..Math.Min(expectedLength + 1, MaximumLength)], out int written) || written != expectedLength)
            {
                return false;
            }

            pin = new string(digits[..written]);
            return true;
        }
        finally
        {
            digits.Clear();
        }
    }

    /// <summary>Like <see cref="TryNormalize(string, int, out string)"/>, but throws when the input is not a PIN of the expected length.</summary>
    /// <exception cref="FormatException">The input has characters other than digits, spaces and dashes, or the wrong number of digits.</exception>
    public static string Normalize(string input, int expectedLength = DefaultLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryNormalize(input, expectedLength, out string? pin)
            ? pin
            : throw new FormatException($"A PIN is {expectedLength} digits; spaces and dashes between them are ignored.");
    }

    internal static void ThrowIfInvalidLength(int length, string paramName)
    {
        if (length is < MinimumLength or > MaximumLength)
        {
            throw new ArgumentOutOfRangeException(paramName, length, $"A PIN has {MinimumLength} to {MaximumLength} digits.");
        }
    }
}
