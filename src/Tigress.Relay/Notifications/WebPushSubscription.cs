using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tigress.Relay.Notifications;

/// <summary>
/// A browser's PushSubscription as <c>tokenData</c> of a <c>webpush</c> token: the object itself or a JSON string
/// holding it, with <c>endpoint</c>, <c>keys.p256dh</c> (the device's uncompressed P-256 key, RFC 8291 section 3.2)
/// and <c>keys.auth</c> (16 bytes).
/// </summary>
internal sealed record WebPushSubscription(Uri Endpoint, string P256dh, string Auth)
{
    private const int PublicKeyLength = 65;
    private const int AuthLength = 16;

    public static bool TryParse(JsonElement tokenData, PushEndpointGuard guard, [NotNullWhen(true)] out WebPushSubscription? subscription, [NotNullWhen(false)] out string? reason)
    {
        subscription = null;
        if (tokenData.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var inner = JsonDocument.Parse(tokenData.GetString()!, new JsonDocumentOptions { MaxDepth = 8 });
                return TryParse(inner.RootElement, guard, nested: true, out subscription, out reason);
            }
            catch (JsonException)
            {
                reason = "a webpush tokenData string must hold a PushSubscription as JSON.";
                return false;
            }
        }

        return TryParse(tokenData, guard, nested: false, out subscription, out reason);
    }

    private static bool TryParse(JsonElement json, PushEndpointGuard guard, bool nested, [NotNullWhen(true)] out WebPushSubscription? subscription, [NotNullWhen(false)] out string? reason)
    {
        subscription = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            reason = nested
                ? "a webpush tokenData string must hold a PushSubscription JSON object."
                : "webpush tokenData must be a PushSubscription: an object with endpoint and keys.";
            return false;
        }

        if (!json.TryGetProperty("endpoint", out var endpointJson) || endpointJson.ValueKind != JsonValueKind.String)
        {
            reason = "webpush tokenData needs an endpoint string.";
            return false;
        }

        if (!guard.TryCheckEndpoint(endpointJson.GetString(), out var endpoint, out var endpointProblem))
        {
            reason = "webpush " + endpointProblem;
            return false;
        }

        if (!json.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Object
            || !keys.TryGetProperty("p256dh", out var p256dhJson) || p256dhJson.ValueKind != JsonValueKind.String
            || !keys.TryGetProperty("auth", out var authJson) || authJson.ValueKind != JsonValueKind.String)
        {
            reason = "webpush tokenData needs keys.p256dh and keys.auth strings.";
            return false;
        }

        var p256dh = p256dhJson.GetString()!;
        if (!IsPublicKey(p256dh))
        {
            reason = "webpush keys.p256dh must be an uncompressed P-256 public key (65 bytes) in base64url.";
            return false;
        }

        var auth = authJson.GetString()!;
        Span<byte> secret = stackalloc byte[AuthLength + 3];
        if (auth.Length > 24 || !Base64Url.TryDecodeFromChars(auth, secret, out var authLength) || authLength != AuthLength)
        {
            reason = "webpush keys.auth must be a 16-byte secret in base64url.";
            return false;
        }

        reason = null;
        subscription = new WebPushSubscription(endpoint!, p256dh, auth);
        return true;
    }

    private static bool IsPublicKey(string text)
    {
        Span<byte> point = stackalloc byte[PublicKeyLength + 3];
        if (text.Length > 90 || !Base64Url.TryDecodeFromChars(text, point, out var length) || length != PublicKeyLength || point[0] != 0x04)
        {
            return false;
        }

        // A point off the curve would make every encryption for this device fail; refuse it now.
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..65].ToArray() },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
