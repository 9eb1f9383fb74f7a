using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>What a browser holds for one push subscription: its P-256 key pair and auth secret (RFC 8291 section 2).</summary>
internal sealed class TestSubscription : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public TestSubscription(string endpoint)
    {
        Endpoint = endpoint;
        var q = _key.ExportParameters(false).Q;
        P256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
        Auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
    }

    public string Endpoint { get; }

    public string P256dh { get; }

    public string Auth { get; }

    /// <summary>The private scalar, base64url, for the independent decryption.</summary>
    public string PrivateKey => Base64Url.EncodeToString(_key.ExportParameters(true).D!);

    public JsonObject Json => new() { ["endpoint"] = Endpoint, ["expirationTime"] = null, ["keys"] = new JsonObject { ["p256dh"] = P256dh, ["auth"] = Auth } };

    /// <summary>A <c>notificationToken</c> with the subscription as an object, or as a JSON string when <paramref name="asString"/>.</summary>
    public JsonObject Token(bool asString = false) => new()
    {
        ["type"] = "webpush",
        ["tokenData"] = asString ? JsonValue.Create(Json.ToJsonString()) : Json,
    };

    public void Dispose() => _key.Dispose();
}
