using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Tigress.Relay.Web;

/// <summary>
/// The browser client's scripts, embedded in this assembly from web/dist, with their Subresource Integrity digests.
/// Read once: the pages name each script with its digest, so a script changed on the way does not run.
/// </summary>
internal static class WebAssets
{
    private const string Prefix = "web/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> s_assets = new(Load);

    /// <summary>The asset with this file name (<c>receive.js</c>), or <see langword="null"/>.</summary>
    public static Asset? Find(string name) => s_assets.Value.GetValueOrDefault(name);

    /// <summary>The asset with this file name; a missing one is a broken build, not a request error.</summary>
    public static Asset Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"The relay was built without web/dist/{name}; run npm run bundle --prefix web.");

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource[Prefix.Length..];
            assets[name] = new Asset(name, bytes, "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)));
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>One embedded file: its bytes and its SRI digest.</summary>
    internal sealed record Asset(string Name, byte[] Content, string Integrity);
}
