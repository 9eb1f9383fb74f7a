using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>Checks a VAPID <c>Authorization</c> header (RFC 8292) the way a push service does.</summary>
internal static class VapidToken
{
    /// <summary>Verifies the ES256 signature against <paramref name="publicKey"/> and returns the claims.</summary>
    public static JsonObject Verify(string? authorization, string publicKey)
    {
        Assert.NotNull(authorization);
        Assert.StartsWith("vapid ", authorization, StringComparison.Ordinal);
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal(publicKey, parameters["k"]);

        var parts = parameters["t"].Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal("ES256", header["alg"]!.GetValue<string>());
        var point = Base64Url.DecodeFromChars(publicKey);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        });
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256), "The VAPID signature does not verify.");
        return (JsonObject)JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
    }
}
