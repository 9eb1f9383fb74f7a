using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Wire;

/// <summary>
/// The address of a relay or a dropbox server (docs/protocol.md section 2): an absolute URL, https (plain http only to
/// a loopback address, see <see cref="RelayTransport"/>), without user information, query or fragment. The one rule
/// behind the client's, the command line's and the relay's own checks, with one wording per way to break it.
/// </summary>
public sealed class RelayAddress : IEquatable<RelayAddress>
{
    private RelayAddress(Uri uri) => Uri = uri;

    /// <summary>The address as a URL.</summary>
    public Uri Uri { get; }

    /// <summary>What, if anything, keeps <paramref name="uri"/> from being a relay address.</summary>
    public static RelayAddressError Check(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return RelayAddressError.NotAbsolute;
        }

        if (!RelayTransport.IsPermitted(uri))
        {
            return RelayAddressError.InsecureScheme;
        }

        if (uri.UserInfo.Length > 0)
        {
            return RelayAddressError.UserInformation;
        }

        return uri.Query.Length > 0 || uri.Fragment.Length > 0 ? RelayAddressError.QueryOrFragment : RelayAddressError.None;
    }

    /// <summary>Accepts <paramref name="uri"/> if it is a relay address; else says why not.</summary>
    public static bool TryCreate(Uri? uri, [NotNullWhen(true)] out RelayAddress? address, out RelayAddressError error)
    {
        error = Check(uri);
        address = error == RelayAddressError.None ? new RelayAddress(uri!) : null;
        return address is not null;
    }

    /// <summary>Reads <paramref name="text"/> as a relay address; else says why not.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RelayAddress? address, out RelayAddressError error)
    {
        // On Unix "/v1/m" parses as the absolute file:///v1/m; it is a relative reference all the same.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.IsFile && !text!.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            uri = null;
        }

        return TryCreate(uri, out address, out error);
    }

    /// <summary>Accepts <paramref name="uri"/> as a relay address.</summary>
    /// <exception cref="ArgumentException">It is not one; the message says why, naming <paramref name="subject"/>.</exception>
    public static RelayAddress Create(Uri? uri, string subject = "The relay address", [CallerArgumentExpression(nameof(uri))] string? paramName = null) =>
        TryCreate(uri, out var address, out var error) ? address : throw new ArgumentException(Describe(error, subject), paramName);

    /// <summary>One sentence saying what is wrong, about <paramref name="subject"/> (a setting, an option, a parameter).</summary>
    public static string Describe(RelayAddressError error, string subject) => error switch
    {
        RelayAddressError.NotAbsolute => $"{subject} must be an absolute URL, such as https://relay.example/.",
        RelayAddressError.InsecureScheme => $"{subject} must use https; plain http only to a loopback address, such as http://127.0.0.1:5000/.",
        RelayAddressError.UserInformation => $"{subject} must not carry user information (name:password@).",
        RelayAddressError.QueryOrFragment => $"{subject} must not carry a query or a fragment.",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <inheritdoc/>
    public bool Equals(RelayAddress? other) => other is not null && Uri.Equals(other.Uri);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RelayAddress);

    /// <inheritdoc/>
    public override int GetHashCode() => Uri.GetHashCode();

    /// <summary>The absolute URL.</summary>
    public override string ToString() => Uri.AbsoluteUri;
}
