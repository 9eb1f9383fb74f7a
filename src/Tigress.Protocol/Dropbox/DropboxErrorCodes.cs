namespace Tigress.Protocol.Dropbox;

/// <summary>
/// The stable codes carried by <see cref="TigressProtocolException.ErrorCode"/> for rules specific to the HTTP
/// dropbox binding. Malformed URLs, secrets and messages use the shared <see cref="ProtocolErrorCodes"/>.
/// </summary>
public static class DropboxErrorCodes
{
    // Invitation parsing.

    /// <summary>A required invitation parameter (<c>v</c>, <c>s</c> or <c>r</c>) is absent from the fragment.</summary>
    public const string MissingParameter = "dropbox-missing-parameter";

    /// <summary>An invitation parameter appears more than once in the fragment.</summary>
    public const string DuplicateParameter = "dropbox-duplicate-parameter";

    /// <summary>The fragment carries a parameter this implementation does not know.</summary>
    public const string UnknownParameter = "dropbox-unknown-parameter";

    /// <summary>The invitation's <c>v</c> parameter names a protocol version other than 1.</summary>
    public const string UnsupportedVersion = "dropbox-unsupported-version";
}
