using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Notifications;

/// <summary>
/// The relay's VAPID key pair (RFC 8292): from configuration, or generated once and kept in <c>vapid.json</c> in
/// the data folder, readable by the relay's user only. Browsers bind each subscription to the public key, so it
/// must not change while subscriptions live.
/// </summary>
internal sealed class VapidKeys
{
    public const string FileName = "vapid.json";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private VapidKeys(string publicKey, string privateKey)
    {
        PublicKey = publicKey;
        PrivateKey = privateKey;
    }

    /// <summary>The uncompressed P-256 public point, base64url: clients pass it to <c>pushManager.subscribe</c>.</summary>
    public string PublicKey { get; }

    /// <summary>The private scalar, base64url. Never logged.</summary>
    public string PrivateKey { get; }

    /// <summary>Never prints the private key.</summary>
    public override string ToString() => $"VapidKeys({PublicKey})";

    public static VapidKeys Load(PushOptions options, string dataDirectory, ILogger logger)
    {
        if (options.VapidPublicKey is not null || options.VapidPrivateKey is not null)
        {
            return FromStrings(options.VapidPublicKey, options.VapidPrivateKey, "Relay:Push:VapidPublicKey and Relay:Push:VapidPrivateKey");
        }

        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            // Private from the start, as the SQLite store makes it: the Redis store keeps only this file here.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dataDirectory);
            }
            else
            {
                Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (!File.Exists(path))
            {
                var generated = Generate();
                if (TryWriteNew(path, generated))
                {
                    RelayLog.VapidKeysGenerated(logger, path);
                    return generated;
                }
            }

            return ReadFile(path, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RelayConfigurationException($"The VAPID key file '{path}' could not be read or written ({e.GetType().Name}); check the data folder's permissions, or set Relay:Push:VapidPublicKey and Relay:Push:VapidPrivateKey.", e);
        }
    }

    internal static VapidKeys Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        try
        {
            return new VapidKeys(Base64Url.EncodeToString(Uncompressed(parameters.Q)), Base64Url.EncodeToString(parameters.D));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    private static bool TryWriteNew(string path, VapidKeys keys)
    {
        var json = new JsonObject { ["publicKey"] = keys.PublicKey, ["privateKey"] = keys.PrivateKey }.ToJsonString();
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var stream = new FileStream(path, file);
            using var writer = new StreamWriter(stream);
            writer.Write(json);
            writer.Flush();
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another relay process on the same folder wrote it first; use its keys.
            return false;
        }
    }

    private static VapidKeys ReadFile(string path, ILogger logger)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
            RelayLog.VapidKeyFileTightened(logger, path);
        }

        string? publicKey = null;
        string? privateKey = null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path));
            publicKey = json?["publicKey"]?.GetValue<string>();
            privateKey = json?["privateKey"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Reported below as a damaged file.
        }

        return FromStrings(publicKey, privateKey, $"the VAPID key file '{path}'");
    }

    private static VapidKeys FromStrings(string? publicKey, string? privateKey, string source)
    {
        var failure = $"{source}: need a base64url P-256 public key (65 bytes, uncompressed) and the matching base64url private key (32 bytes).";
        if (publicKey is null || privateKey is null)
        {
            throw new RelayConfigurationException(failure);
        }

        Span<byte> d = stackalloc byte[32];
        try
        {
            var q = new byte[65];
            if (!Base64Url.TryDecodeFromChars(publicKey, q, out var qLength) || qLength != 65 || q[0] != 0x04
                || !Base64Url.TryDecodeFromChars(privateKey, d, out var dLength) || dLength != 32)
            {
                throw new RelayConfigurationException(failure);
            }

            // The public key must be the private key's, or every push service would reject the relay's tokens.
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d.ToArray() });
            var derived = key.ExportParameters(includePrivateParameters: false);
            if (!CryptographicOperations.FixedTimeEquals(Uncompressed(derived.Q), q))
            {
                throw new RelayConfigurationException($"{source}: the public key does not belong to the private key.");
            }

            return new VapidKeys(Base64Url.EncodeToString(q), Base64Url.EncodeToString(d));
        }
        catch (CryptographicException e)
        {
            throw new RelayConfigurationException(failure, e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    private static byte[] Uncompressed(ECPoint point)
    {
        var bytes = new byte[65];
        bytes[0] = 0x04;
        point.X.AsSpan().CopyTo(bytes.AsSpan(1, 32));
        point.Y.AsSpan().CopyTo(bytes.AsSpan(33, 32));
        return bytes;
    }
}
