using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

//
//  The HTTP dropbox invitation (draft-rescorla-tigress-http; docs/protocol.md section 11)
//
//      {base}#v=1&s={suite}&r={R}[&p=1]
//
//      | Part  | Rule                                                                                    |
//      | ----- | --------------------------------------------------------------------------------------- |
//      | base  | absolute http(s) URL, no user info, no query, no fragment, ends with "/"; the URI       |
//      |       | template of every message is {base}{tigress_location}                                   |
//      | v     | protocol version, exactly "1"                                                           |
//      | s     | TLS 1.3 cipher suite as four hex digits: 1301 (default), 1302 or 1303                   |
//      | r     | R, 32 bytes from a CSPRNG, base64url without padding (exactly 43 characters, canonical) |
//      | p     | optional, exactly "1": the share is PIN-protected (docs/protocol.md section 12), so the        |
//      |       | recipient asks for the PIN before it reads anything                                      |
//
//  The fragment never reaches an HTTP server: clients strip it before every request, so R stays between the two
//  devices. Parsing is strict: every parameter exactly once, none unknown, nothing percent-encoded.
//

/// <summary>
/// The one URL an initiator sends to share through an HTTP dropbox: where the messages go, which cipher suite
/// seals them, and the secret R they are derived from. <see cref="ToString"/> redacts R; <see cref="RevealUrl"/> does not.
/// </summary>
public sealed class DropboxInvitation : IDisposable
{
    /// <summary>The length in bytes of the secret R.</summary>
    public const int SecretLength = 32;

    /// <summary>The protocol version this implementation writes and accepts in the <c>v</c> parameter.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>The longest invitation, in characters, that <see cref="Parse"/> considers.</summary>
    /// <remarks>8192 characters; a real invitation is the base URL plus about 60 characters.</remarks>
    public const int MaxLength = 8192;

    // 32 bytes in base64url without padding.
    private const int EncodedSecretLength = 43;

    private readonly byte[] _secret;
    private bool _disposed;

    private DropboxInvitation(Uri baseUri, TigressSuite suite, byte[] secret, bool requiresPin)
    {
        Debug.Assert(secret.Length == SecretLength);
        BaseUri = baseUri;
        Suite = suite;
        RequiresPin = requiresPin;
        _secret = secret;
    }

    /// <summary>The URL that every message location is appended to; it ends with <c>/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The cipher suite named by the <c>s</c> parameter.</summary>
    public TigressSuite Suite { get; }

    /// <summary>True when the invitation carries <c>p=1</c>: the share is PIN-protected, and the recipient must ask for the PIN.</summary>
    public bool RequiresPin { get; }

    /// <summary>R itself, for the key schedule. Throws once the invitation is disposed.</summary>
    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>Creates a new invitation for <paramref name="baseUri"/> with a fresh R from a CSPRNG.</summary>
    /// <param name="baseUri">An absolute http or https URL whose path ends with <c>/</c>, with no user info, query or fragment.</param>
    /// <param name="suite">The cipher suite; <see cref="TigressSuite.Default"/> when <see langword="null"/>.</param>
    /// <param name="requiresPin">Whether the share is PIN-protected (<c>p=1</c>).</param>
    public static DropboxInvitation Create(Uri baseUri, TigressSuite? suite = null, bool requiresPin = false)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (CheckBaseUri(baseUri) is { } problem)
        {
            throw Error.Argument_InvalidBaseUri(nameof(baseUri), problem);
        }

        byte[] secret = RandomNumberGenerator.GetBytes(SecretLength);
        return new DropboxInvitation(baseUri, suite ?? TigressSuite.Default, secret, requiresPin);
    }

    /// <summary>Creates an invitation with a given R; for known-answer tests only.</summary>
    internal static DropboxInvitation CreateWithSecret(Uri baseUri, TigressSuite suite, ReadOnlySpan<byte> secret, bool requiresPin = false)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(suite);
        if (CheckBaseUri(baseUri) is { } problem)
        {
            throw Error.Argument_InvalidBaseUri(nameof(baseUri), problem);
        }

        if (secret.Length != SecretLength)
        {
            throw Error.Argument_Length(nameof(secret), SecretLength);
        }

        return new DropboxInvitation(baseUri, suite, secret.ToArray(), requiresPin);
    }

    /// <summary>Parses an invitation received from the initiator.</summary>
    /// <exception cref="TigressProtocolException">
    /// The invitation is malformed; <see cref="TigressProtocolException.ErrorCode"/> is one of
    /// <see cref="ProtocolErrorCodes.MalformedUrl"/>, <see cref="ProtocolErrorCodes.InvalidSecret"/>,
    /// <see cref="ProtocolErrorCodes.UnsupportedAlgorithm"/> or a <see cref="DropboxErrorCodes"/> value.
    /// </exception>
    public static DropboxInvitation Parse(string invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ParseError error = TryParseCore(invitation, out DropboxInvitation? result);
        return result ?? throw Error.Protocol(error.Code, error.Message);
    }

    /// <summary>Parses an invitation; returns <see langword="false"/> instead of throwing when it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? invitation, [NotNullWhen(true)] out DropboxInvitation? result)
    {
        if (invitation is null)
        {
            result = null;
            return false;
        }

        _ = TryParseCore(invitation, out result);
        return result is not null;
    }

    /// <summary>
    /// The complete invitation URL, including R. Whoever holds it can read and write the exchange, so send it only
    /// over the channel meant for the recipient and never log it.
    /// </summary>
    public string RevealUrl()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return string.Create(CultureInfo.InvariantCulture, $"{BaseUri.AbsoluteUri}#v={ProtocolVersion}&s={(ushort)Suite.Id:x4}&r={Base64Url.EncodeToString(_secret)}{(RequiresPin ? "&p=1" : "")}");
    }

    /// <summary>
    /// A copy of R, for constructions that build on the invitation's secret (the PIN exchange salts the PIN with it).
    /// Whoever holds it can read and write the exchange: clear the copy after use.
    /// </summary>
    public byte[] ExportSecret()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _secret.ToArray();
    }

    /// <summary>The URL of one message: <see cref="BaseUri"/> followed by a location from <see cref="KeySchedule.GetLocation"/>.</summary>
    public Uri GetMessageUri(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!Wire.DropboxLocation.IsValid(location))
        {
            throw Error.Argument_InvalidLocation(nameof(location));
        }

        return new Uri(BaseUri.AbsoluteUri + location, UriKind.Absolute);
    }

    /// <summary>The invitation with R replaced by a placeholder, safe for logs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{BaseUri.AbsoluteUri}#v={ProtocolVersion}&s={(ushort)Suite.Id:x4}&r=[redacted]{(RequiresPin ? "&p=1" : "")}");

    /// <summary>Overwrites R with zeros; the invitation cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_secret);
            _disposed = true;
        }
    }

    private static string? CheckBaseUri(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "it must be an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return "the scheme must be http or https.";
        }

        // Credentials in the URL would travel inside every invitation; the binding uses no credentials at all.
        if (uri.UserInfo.Length != 0)
        {
            return "it must not carry user information.";
        }

        string absolute = uri.AbsoluteUri;
        if (uri.Query.Length != 0 || absolute.Contains('?', StringComparison.Ordinal))
        {
            return "it must not have a query: the location is appended to the path.";
        }

        if (uri.Fragment.Length != 0 || absolute.Contains('#', StringComparison.Ordinal))
        {
            return "it must not have a fragment of its own.";
        }

        if (!absolute.EndsWith('/'))
        {
            return "its path must end with '/'.";
        }

        return null;
    }

    private static ParseError TryParseCore(string invitation, out DropboxInvitation? result)
    {
        result = null;
        if (invitation.Length > MaxLength)
        {
            return new(ProtocolErrorCodes.MalformedUrl, $"The invitation is longer than {MaxLength} characters.");
        }

        foreach (char c in invitation)
        {
            // Uri would quietly trim white space and turn a backslash into '/'; an invitation is taken only as written.
            if (c <= ' ' || c == '\u007f' || c == '\\')
            {
                return new(ProtocolErrorCodes.MalformedUrl, "The invitation contains white space, control characters or a backslash.");
            }
        }

        int hash = invitation.IndexOf('#', StringComparison.Ordinal);
        string basePart = hash < 0 ? invitation : invitation[..hash];

        // The template is {base}{location}, so the text itself must end with '/', whatever Uri would normalize.
        if (!basePart.EndsWith('/') || basePart.Contains('?', StringComparison.Ordinal))
        {
            return new(ProtocolErrorCodes.MalformedUrl, "The invitation's base URL must end with '/' and have no query.");
        }

        Uri? baseUri;
        try
        {
            if (!Uri.TryCreate(basePart, UriKind.Absolute, out baseUri))
            {
                return new(ProtocolErrorCodes.MalformedUrl, "The invitation's base is not an absolute URL.");
            }
        }
        catch (UriFormatException)
        {
            return new(ProtocolErrorCodes.MalformedUrl, "The invitation's base is not an absolute URL.");
        }

        if (CheckBaseUri(baseUri) is { } problem)
        {
            return new(ProtocolErrorCodes.MalformedUrl, "The invitation's base URL is not usable: " + problem);
        }

        if (hash < 0 || hash == invitation.Length - 1)
        {
            return new(DropboxErrorCodes.MissingParameter, "The invitation has no fragment; it needs the parameters v, s and r.");
        }

        ReadOnlySpan<char> fragment = invitation.AsSpan(hash + 1);

        ReadOnlySpan<char> version = default, suiteText = default, secretText = default, pinText = default;
        bool hasVersion = false, hasSuite = false, hasSecret = false, hasPin = false, hasUnknown = false;
        foreach (Range range in fragment.Split('&'))
        {
            ReadOnlySpan<char> parameter = fragment[range];
            int equals = parameter.IndexOf('=');
            if (equals <= 0)
            {
                return new(ProtocolErrorCodes.MalformedUrl, "Every invitation parameter must have the form name=value.");
            }

            ReadOnlySpan<char> name = parameter[..equals];
            ReadOnlySpan<char> value = parameter[(equals + 1)..];
            if (name.SequenceEqual("v"))
            {
                if (hasVersion)
                {
                    return new(DropboxErrorCodes.DuplicateParameter, "The invitation parameter v appears more than once.");
                }

                hasVersion = true;
                version = value;
            }
            else if (name.SequenceEqual("s"))
            {
                if (hasSuite)
                {
                    return new(DropboxErrorCodes.DuplicateParameter, "The invitation parameter s appears more than once.");
                }

                hasSuite = true;
                suiteText = value;
            }
            else if (name.SequenceEqual("r"))
            {
                if (hasSecret)
                {
                    return new(DropboxErrorCodes.DuplicateParameter, "The invitation parameter r appears more than once.");
                }

                hasSecret = true;
                secretText = value;
            }
            else if (name.SequenceEqual("p"))
            {
                if (hasPin)
                {
                    return new(DropboxErrorCodes.DuplicateParameter, "The invitation parameter p appears more than once.");
                }

                hasPin = true;
                pinText = value;
            }
            else
            {
                hasUnknown = true;
            }
        }

        // Judge the version first: another version may well define other parameters.
        if (!hasVersion)
        {
            return new(DropboxErrorCodes.MissingParameter, "The invitation has no version parameter v.");
        }

        if (!version.SequenceEqual("1"))
        {
            return new(DropboxErrorCodes.UnsupportedVersion, "The invitation is of a protocol version other than 1.");
        }

        if (hasUnknown)
        {
            return new(DropboxErrorCodes.UnknownParameter, "The invitation carries a parameter other than v, s, r and p.");
        }

        if (!hasSuite)
        {
            return new(DropboxErrorCodes.MissingParameter, "The invitation has no cipher suite parameter s.");
        }

        if (!hasSecret)
        {
            return new(DropboxErrorCodes.MissingParameter, "The invitation has no secret parameter r.");
        }

        if (hasPin && !pinText.SequenceEqual("1"))
        {
            return new(ProtocolErrorCodes.MalformedUrl, "The invitation's PIN flag p must be 1 when present.");
        }

        if (suiteText.Length != 4 || !IsHex(suiteText)
            || !ushort.TryParse(suiteText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort suiteId))
        {
            return new(ProtocolErrorCodes.MalformedUrl, "The invitation's cipher suite s is not four hex digits.");
        }

        if (!TigressSuite.TryFromId((TigressSuiteId)suiteId, out TigressSuite? suite))
        {
            return new(ProtocolErrorCodes.UnsupportedAlgorithm, "The invitation's cipher suite is not one of 1301, 1302 or 1303.");
        }

        byte[]? secret = DecodeSecret(secretText);
        if (secret is null)
        {
            return new(ProtocolErrorCodes.InvalidSecret, "The invitation's secret r is not 32 bytes in base64url without padding.");
        }

        result = new DropboxInvitation(baseUri, suite, secret, hasPin);
        return default;
    }

    private static byte[]? DecodeSecret(ReadOnlySpan<char> text)
    {
        // Checking the alphabet first rules out padding, white space and standard base64, which the decoder would accept.
        if (text.Length != EncodedSecretLength || !IsBase64UrlAlphabet(text))
        {
            return null;
        }

        // 43 characters carry 258 bits; a canonical encoding leaves the last two at zero, so each R has one spelling.
        if ((Base64UrlValue(text[^1]) & 0b11) != 0)
        {
            return null;
        }

        var secret = new byte[SecretLength];
        if (!Base64Url.TryDecodeFromChars(text, secret, out int written) || written != SecretLength)
        {
            CryptographicOperations.ZeroMemory(secret);
            return null;
        }

        return secret;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase64UrlAlphabet(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (Base64UrlValue(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int Base64UrlValue(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };

    private readonly record struct ParseError(string Code, string Message);
}
