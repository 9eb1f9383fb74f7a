using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Tigress.Relay.Hosting;
using Tigress.Relay.Notifications;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage;
using Tigress.Protocol;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Relay.Mailboxes;

/// <summary>
/// Turns request bodies into store values, or into the one problem that says what is wrong. Every check of
/// docs/protocol.md section 7 and the limits of docs/protocol.md section 7.13 lives here.
/// </summary>
internal sealed partial class MailboxInput(RelayOptions options, PushProviders? providers = null)
{
    // IV (12 bytes) followed by at least the GCM tag (16 bytes).
    private const int SmallestSealedPayload = 12 + 16;

    // Whitespace in an image URL; every other character it may not hold is the display rule's (DisplayString runs first).
    private static readonly SearchValues<char> s_forbiddenInUrl = CharsWhere(char.IsWhiteSpace);

    private static readonly JsonDocumentOptions s_strictDocument = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static T? Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, bool required, out Problem? problem)
        where T : class
    {
        problem = null;
        if (body.Length == 0)
        {
            if (required)
            {
                problem = Problem.InvalidRequest("A JSON object body is required.");
            }

            return null;
        }

        // RFC 8259 section 8.1 lets a parser ignore a byte order mark; some Windows tools write one.
        var json = body.AsSpan();
        if (json.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        try
        {
            // The serializer skips a member it does not know without looking inside; a duplicate key is refused at
            // any depth, so the whole body is checked first (bodies are bounded by the payload limit).
            using (JsonDocument.Parse(body.AsMemory(body.Length - json.Length), s_strictDocument))
            {
            }

            var value = JsonSerializer.Deserialize(json, typeInfo);
            if (value is null)
            {
                problem = Problem.InvalidRequest("The body must be a JSON object, not null.");
            }

            return value;
        }
        catch (JsonException e)
        {
            // The path names the field; the message never echoes the value.
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the body" : e.Path;
            problem = Problem.InvalidRequest($"The body is not valid JSON for this request (at {where}).");
            return null;
        }
    }

    public byte[]? Display(DisplayInformationMessage? display, out Problem? problem)
    {
        problem = null;
        if (display is null)
        {
            problem = Problem.InvalidRequest("displayInformation is required.");
            return null;
        }

        if (!DisplayString(display.Title, "title", out problem)
            || !DisplayString(display.Description, "description", out problem)
            || !DisplayString(display.ImageUrl, "imageURL", out problem))
        {
            return null;
        }

        if (ImageUrlProblem(display.ImageUrl!) is { } reason)
        {
            problem = Problem.InvalidRequest($"displayInformation.imageURL must be {reason}.");
            return null;
        }

        var canonical = new DisplayInformationMessage { Title = display.Title, Description = display.Description, ImageUrl = display.ImageUrl };
        return JsonSerializer.SerializeToUtf8Bytes(canonical, WireJsonContext.Default.DisplayInformationMessage);
    }

    public StoredPayload? Payload(PayloadMessage? payload, out Problem? problem)
    {
        problem = null;
        if (payload is null)
        {
            problem = Problem.InvalidRequest("payload is required.");
            return null;
        }

        if (payload.Type is null)
        {
            problem = Problem.InvalidRequest("payload.type is required.");
            return null;
        }

        if (!PayloadAlgorithms.TryParse(payload.Type, out var cipher))
        {
            problem = Problem.InvalidRequest($"payload.type must be {PayloadAlgorithms.Aes128GcmName} or {PayloadAlgorithms.Aes256GcmName}.");
            return null;
        }

        if (string.IsNullOrEmpty(payload.Data))
        {
            problem = Problem.InvalidRequest("payload.data is required.");
            return null;
        }

        // Reject oversize input before decoding it.
        if ((long)payload.Data.Length / 4 * 3 > options.MaxPayloadBytes + 3)
        {
            problem = TooLarge();
            return null;
        }

        // The decoder skips whitespace anywhere; standard base64 has none, so a line break is refused, not read past.
        var data = new byte[payload.Data.Length / 4 * 3 + 3];
        if (payload.Data.AsSpan().IndexOfAny(" \t\r\n") >= 0 || !Convert.TryFromBase64String(payload.Data, data, out var length))
        {
            problem = Problem.InvalidRequest("payload.data must be standard base64 (RFC 4648 section 4) with padding.");
            return null;
        }

        if (length > options.MaxPayloadBytes)
        {
            problem = TooLarge();
            return null;
        }

        if (length < SmallestSealedPayload)
        {
            problem = Problem.InvalidRequest($"payload.data must hold at least a 12-byte IV and a 16-byte tag ({SmallestSealedPayload} bytes).");
            return null;
        }

        return new StoredPayload(cipher, data.AsSpan(0, length).ToArray());
    }

    /// <summary>
    /// The token as the JSON to store, checked by its type's provider when there is one; <paramref name="supported"/>
    /// says whether the relay will use it (<c>isPushNotificationSupported</c>). A type without a provider is stored.
    /// </summary>
    public byte[]? NotificationToken(NotificationTokenMessage? token, out bool supported, out Problem? problem)
    {
        problem = null;
        supported = false;
        if (token is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(token.Type) || token.Type.Length > 64)
        {
            problem = Problem.InvalidRequest("notificationToken.type must be a non-empty string of at most 64 characters.");
            return null;
        }

        if (token.TokenData.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            problem = Problem.InvalidRequest("notificationToken.tokenData must be a string or a JSON object.");
            return null;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(token, WireJsonContext.Default.NotificationTokenMessage);
        if (json.Length > options.MaxNotificationTokenBytes)
        {
            problem = Problem.PayloadTooLarge($"notificationToken is larger than the relay's limit of {options.MaxNotificationTokenBytes} bytes.");
            return null;
        }

        if (providers?.Find(token.Type) is { } provider)
        {
            string? reason;
            try
            {
                reason = provider.Validate(token.TokenData);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                // A provider that chokes on a token has still been handed bad input, not a fault of the relay.
                reason = "the relay's provider could not read it.";
            }

            if (reason is not null)
            {
                problem = Problem.InvalidRequest($"notificationToken.tokenData is not a valid {token.Type} token: {reason}");
                return null;
            }

            supported = true;
        }

        return json;
    }

    /// <summary>
    /// The relay-assisted PIN of a create (docs/protocol.md section 12.6), or <see langword="null"/> without one. The
    /// details never repeat a submitted value: two of the three are secrets.
    /// </summary>
    public MailboxPinProtection? PinProtection(PinProtectionMessage? pin, out Problem? problem)
    {
        problem = null;
        if (pin is null)
        {
            return null;
        }

        if (!TryDecodeBase64Url(pin.OprfKey, MailboxPinProtection.KeyLength, out var key) || !P256Oprf.IsValidKey(key))
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            problem = Problem.InvalidRequest("pinProtection.oprfKey must be a P-256 scalar from 1 to n - 1: 32 bytes, big-endian, in base64url without padding.");
            return null;
        }

        if (!TryDecodeBase64Url(pin.Verifier, MailboxPinProtection.VerifierLength, out var verifier))
        {
            CryptographicOperations.ZeroMemory(key);
            problem = Problem.InvalidRequest("pinProtection.verifier must be 32 bytes in base64url without padding.");
            return null;
        }

        if (pin.Guesses is not { } guesses || guesses < 1 || guesses > options.MaxPinGuesses)
        {
            CryptographicOperations.ZeroMemory(key);
            problem = Problem.InvalidRequest($"pinProtection.guesses must be a whole number from 1 to {options.MaxPinGuesses} (the relay's maxPinGuesses).");
            return null;
        }

        return new MailboxPinProtection(key, verifier, guesses);
    }

    /// <summary>The <c>pinProof</c> of a read (docs/protocol.md section 12.6), or <see langword="null"/> without one.</summary>
    public static byte[]? PinProof(string? proof, out Problem? problem)
    {
        problem = null;
        if (proof is null)
        {
            return null;
        }

        if (!TryDecodeBase64Url(proof, MailboxPinProtection.VerifierLength, out var bytes))
        {
            problem = Problem.InvalidRequest("pinProof must be 32 bytes in base64url without padding.");
            return null;
        }

        return bytes;
    }

    /// <summary>The <c>blindedElement</c> of an evaluation, as bytes; whether they are a point is the OPRF's to say.</summary>
    public static byte[]? BlindedElement(EvaluatePinRequestMessage? request, out Problem? problem)
    {
        problem = null;
        if (request is null || !TryDecodeBase64Url(request.BlindedElement, P256Oprf.ElementLength, out var element))
        {
            problem = BadBlindedElement();
            return null;
        }

        return element;
    }

    public static Problem BadBlindedElement() =>
        Problem.InvalidRequest("blindedElement must be a compressed P-256 point other than the identity: 33 bytes in base64url without padding.");

    /// <summary>
    /// Decodes exactly <paramref name="length"/> bytes of canonical base64url without padding: no other alphabet, no
    /// padding or white space (which the decoder would accept), and unused bits zero, so each value has one spelling.
    /// </summary>
    private static bool TryDecodeBase64Url(string? text, int length, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null || text.Length != Base64Url.GetEncodedLength(length))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        var spareBits = (text.Length * 6) - (length * 8);
        if ((Base64UrlValue(text[^1]) & ((1 << spareBits) - 1)) != 0)
        {
            return false;
        }

        var decoded = new byte[length];
        if (!Base64Url.TryDecodeFromChars(text, decoded, out var written) || written != length)
        {
            CryptographicOperations.ZeroMemory(decoded);
            return false;
        }

        bytes = decoded;
        return true;
    }

    private static int Base64UrlValue(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };

    public static MailboxAccessRights? Rights(string? letters, out Problem? problem)
    {
        problem = null;
        if (letters is null)
        {
            return null;
        }

        if (!AccessRightLetters.TryParse(letters, out var rights))
        {
            problem = Problem.InvalidRequest("mailboxConfiguration.accessRights must be made of the letters R, W and D, each at most once.");
            return null;
        }

        return rights;
    }

    /// <summary>The requested expiry capped at the relay's maximum, or the maximum when none is requested.</summary>
    public DateTimeOffset? Expiration(string? requested, DateTimeOffset now, bool defaultToMaximum, out Problem? problem)
    {
        problem = null;
        var latest = Truncate(now + options.MaxTtl);
        if (requested is null)
        {
            return defaultToMaximum ? latest : null;
        }

        if (!TryParseRfc3339(requested, out var expiration))
        {
            problem = Problem.InvalidRequest("mailboxConfiguration.expiration must be an RFC 3339 date-time with a time zone, like 2026-12-01T18:00:00Z.");
            return null;
        }

        if (expiration <= now)
        {
            problem = Problem.InvalidRequest("mailboxConfiguration.expiration is in the past.");
            return null;
        }

        return expiration > latest ? latest : Truncate(expiration);
    }

    /// <summary>
    /// Parses an RFC 3339 date-time. A leap second (<c>23:59:60Z</c>, or <c>:59:60</c> in another offset) is the
    /// second after <c>:59:59</c>: no clock of .NET can name it, and the mailbox then expires one second later.
    /// </summary>
    public static bool TryParseRfc3339(string value, out DateTimeOffset result)
    {
        result = default;
        var match = Rfc3339().Match(value);
        if (!match.Success)
        {
            return false;
        }

        var leap = match.Groups["second"].ValueSpan is "60";
        if (leap && match.Groups["minute"].ValueSpan is not "59")
        {
            return false;
        }

        var text = leap ? string.Concat(value.AsSpan(0, match.Groups["second"].Index), "59", value.AsSpan(match.Groups["second"].Index + 2)) : value;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out result))
        {
            return false;
        }

        if (leap)
        {
            result = result.AddSeconds(1);
        }

        return true;
    }

    /// <summary>RFC 3339 UTC with whole seconds, as the relay reports expirations.</summary>
    public static string FormatExpiration(DateTimeOffset expiration) =>
        expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Expirations are kept to the second, so what a read reports is exactly when the mailbox stops answering.
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    private bool DisplayString(string? value, string name, out Problem? problem)
    {
        problem = null;
        if (IsBlank(value))
        {
            problem = Problem.InvalidRequest($"displayInformation.{name} is required and must show at least one visible character.");
            return false;
        }

        if (value.Length > options.MaxDisplayLength)
        {
            problem = Problem.InvalidRequest($"displayInformation.{name} is longer than {options.MaxDisplayLength} characters.");
            return false;
        }

        // A preview shows this text to someone deciding whether to trust a share: no hidden characters, and no
        // direction overrides that make "gpj.exe" read as "exe.jpg". The same rule as every client's (DisplayText).
        if (!DisplayText.IsSafe(value))
        {
            problem = Problem.InvalidRequest(
                $"displayInformation.{name} must not contain control characters, format characters (such as the bidirectional overrides and isolates U+202A to U+202E and U+2066 to U+2069, or the zero-width U+200B to U+200F), line or paragraph separators, or unpaired surrogates.");
            return false;
        }

        return true;
    }

    // The reason an image URL is refused, or null: the relay never fetches it, but every preview does.
    private static string? ImageUrlProblem(string value)
    {
        if (value.AsSpan().IndexOfAny(s_forbiddenInUrl) >= 0)
        {
            return "an absolute https URL without whitespace or control characters";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var image) || image.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(image.Host))
        {
            return "an absolute https URL with a host";
        }

        if (!string.IsNullOrEmpty(image.UserInfo))
        {
            return "a URL without user information";
        }

        // The same judgement of hosts as push endpoints: previews must not be pointed at loopback or private hosts.
        if (PushAddressPolicy.NamesNonPublicHost(image))
        {
            return "on a public host, not loopback, private or link-local";
        }

        return null;
    }

    private Problem TooLarge() =>
        Problem.PayloadTooLarge($"The decoded payload is larger than the relay's limit of {options.MaxPayloadBytes} bytes.");

    // Blank: nothing a preview would show. Whitespace, format characters (zero-width spaces and joiners, the word
    // joiner, tag characters U+E0000 to U+E007F) and the Hangul fillers all render as nothing.
    private static bool IsBlank([NotNullWhen(false)] string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune)
                && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format
                && rune.Value is not (0x115F or 0x1160 or 0x3164 or 0xFFA0))
            {
                return false;
            }
        }

        return true;
    }

    private static SearchValues<char> CharsWhere(Func<char, bool> predicate) =>
        SearchValues.Create(string.Concat(Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(predicate)));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:(?<minute>\d{2}):(?<second>\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
