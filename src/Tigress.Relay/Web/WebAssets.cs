using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Tigress.Relay.Web;

/// <summary>
/// The browser client's files, embedded in this assembly: the scripts from web/dist, with their Subresource Integrity
/// digests, and the favicon and preview image from web/assets. Read and compressed once. A script is served under a
/// name that carries its digest (<c>receive.1a2b….js</c>), so that a browser may cache it for good: a changed script is
/// a new name.
/// </summary>
internal static class WebAssets
{
    private const string ScriptPrefix = "web/";
    private const string FilePrefix = "site/";

    private static readonly Lazy<Catalog> s_catalog = new(Load);

    /// <summary>The asset served at this name under <c>/web/</c> (<c>receive.1a2b….js</c>), or <see langword="null"/>.</summary>
    public static Asset? Find(string servedName) => s_catalog.Value.Served.GetValueOrDefault(servedName);

    /// <summary>The asset built from this file (<c>receive.js</c>, <c>favicon.svg</c>); a missing one is a broken build, not a request error.</summary>
    public static Asset Get(string name) =>
        s_catalog.Value.Built.GetValueOrDefault(name)
        ?? throw new InvalidOperationException($"The relay was built without web/dist/{name} or web/assets/{name}; run npm run bundle --prefix web.");

    private static Catalog Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var built = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var isScript = resource.StartsWith(ScriptPrefix, StringComparison.Ordinal);
            if (!isScript && !resource.StartsWith(FilePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource[(isScript ? ScriptPrefix : FilePrefix).Length..];
            var digest = SHA384.HashData(bytes);
            built[name] = isScript
                ? new Asset(name, DigestName(name, digest), bytes, "sha384-" + Convert.ToBase64String(digest), "text/javascript; charset=utf-8", Brotli(bytes), Gzip(bytes))
                : new Asset(name, name, bytes, "sha384-" + Convert.ToBase64String(digest), ContentTypeOf(name), null, null);
        }

        return new Catalog(
            built.ToFrozenDictionary(StringComparer.Ordinal),
            built.Values.ToFrozenDictionary(a => a.ServedName, StringComparer.Ordinal));
    }

    /// <summary><c>receive.js</c> with the first 80 bits of its SHA-384 in hex: <c>receive.0123456789abcdef0123.js</c>.</summary>
    private static string DigestName(string name, byte[] digest)
    {
        var dot = name.LastIndexOf('.');
        return $"{name[..dot]}.{Convert.ToHexStringLower(digest.AsSpan(0, 10))}{name[dot..]}";
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private static byte[] Brotli(byte[] bytes)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        return BrotliEncoder.TryCompress(bytes, buffer, out var written, quality: 11, window: 22)
            ? buffer[..written]
            : throw new InvalidOperationException("Brotli could not compress an embedded script.");
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private sealed record Catalog(FrozenDictionary<string, Asset> Built, FrozenDictionary<string, Asset> Served);

    /// <summary>
    /// One embedded file: its bytes, its SRI digest, and for a script its Brotli and gzip forms (compressed once, at
    /// first use, at the highest levels: they are served for a year).
    /// </summary>
    internal sealed record Asset(string Name, string ServedName, byte[] Content, string Integrity, string ContentType, byte[]? BrotliContent, byte[]? GzipContent)
    {
        /// <summary>A script, named by its digest, so cacheable for good.</summary>
        public bool IsScript => BrotliContent is not null;
    }
}
