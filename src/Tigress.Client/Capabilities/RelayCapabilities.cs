using System.Text.Json;

namespace Tigress.Client.Capabilities;

/// <summary>
/// A relay's capability document, <c>GET {relay}/v1</c> (docs/protocol.md section 9): its limits and what it offers.
/// Read it with <see cref="TigressClient.GetCapabilitiesAsync"/>. A field the relay leaves out is null (or empty).
/// </summary>
public sealed class RelayCapabilities
{
    private RelayCapabilities()
    {
    }

    /// <summary>The API version, <c>"1"</c> for this protocol.</summary>
    public string? ApiVersion { get; private init; }

    /// <summary>The longest a share lives on this relay.</summary>
    public TimeSpan? MaxTtl { get; private init; }

    /// <summary>The largest sealed payload one message may carry, in decoded bytes (before base64).</summary>
    public int? MaxPayloadBytes { get; private init; }

    /// <summary>The largest request body the relay reads, JSON and base64 included.</summary>
    public int? MaxRequestBodyBytes { get; private init; }

    /// <summary>The longest title or description the relay accepts, in characters.</summary>
    public int? MaxDisplayLength { get; private init; }

    /// <summary>The longest a read is held open for <c>Prefer: wait</c>.</summary>
    public TimeSpan? MaxWait { get; private init; }

    /// <summary>The payload algorithms the relay stores.</summary>
    public IReadOnlyList<string> PayloadTypes { get; private init; } = [];

    /// <summary>The notification token types the relay can deliver to.</summary>
    public IReadOnlyList<string> NotificationTokenTypes { get; private init; } = [];

    /// <summary>The relay's VAPID public key for Web Push subscriptions, when it offers Web Push.</summary>
    public string? VapidPublicKey { get; private init; }

    /// <summary>Whether the relay serves the mailbox event stream (Server-Sent Events).</summary>
    public bool ServerSentEvents { get; private init; }

    /// <summary>The access-right letters a recipient may be granted.</summary>
    public string? AccessRights { get; private init; }

    /// <summary>Whether the relay offers the mailbox binding.</summary>
    public bool Mailbox { get; private init; }

    /// <summary>Whether the relay offers the HTTP dropbox binding (at <c>{relay}/d/</c>).</summary>
    public bool Dropbox { get; private init; }

    /// <summary>Whether the relay carries PIN-protected shares.</summary>
    public bool PinShares { get; private init; }

    /// <summary>Reads the document; null when <paramref name="json"/> is not a JSON object.</summary>
    internal static RelayCapabilities? Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new RelayCapabilities
            {
                ApiVersion = String(root, "apiVersion"),
                MaxTtl = Number(root, "maxTtlSeconds") is { } ttl ? TimeSpan.FromSeconds(ttl) : null,
                MaxPayloadBytes = Int(root, "maxPayloadBytes"),
                MaxRequestBodyBytes = Int(root, "maxRequestBodyBytes"),
                MaxDisplayLength = Int(root, "maxDisplayLength"),
                MaxWait = Number(root, "maxWaitSeconds") is { } wait ? TimeSpan.FromSeconds(wait) : null,
                PayloadTypes = Strings(root, "payloadTypes"),
                NotificationTokenTypes = Strings(root, "notificationTokenTypes"),
                VapidPublicKey = String(root, "vapidPublicKey"),
                ServerSentEvents = Bool(root, "serverSentEvents"),
                AccessRights = String(root, "accessRights"),
                Mailbox = Bool(root, "mailbox"),
                Dropbox = Bool(root, "dropbox"),
                PinShares = Bool(root, "pinShares"),
            };
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 ? number : null;

    private static int? Int(JsonElement root, string name) => Number(root, name) is { } number && number <= int.MaxValue ? (int)number : null;

    private static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string[] Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
