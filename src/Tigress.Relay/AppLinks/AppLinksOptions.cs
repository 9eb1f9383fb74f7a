namespace Tigress.Relay.AppLinks;

/// <summary>
/// The app-link files a wallet's maker publishes so that a share link opens the wallet app directly (iOS universal
/// links, Android app links), bound from <c>Relay:AppLinks</c>. Each file is read once at start, must be a JSON
/// document of at most <see cref="MaxFileBytes"/> bytes, and is served as <c>application/json</c>.
/// </summary>
public sealed class AppLinksOptions
{
    /// <summary>The largest file served: Apple's limit for the association file (128 KiB).</summary>
    public const int MaxFileBytes = 128 * 1024;

    /// <summary>The JSON file served at <c>/.well-known/apple-app-site-association</c>.</summary>
    /// <remarks>Default: null, nothing served (404).</remarks>
    public string? AppleAppSiteAssociationPath { get; set; }

    /// <summary>The JSON file served at <c>/.well-known/assetlinks.json</c>.</summary>
    /// <remarks>Default: null, nothing served (404).</remarks>
    public string? AssetLinksPath { get; set; }
}
