using System.Text.Json;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Client.Capabilities;

/// <summary>
/// A relay's capability document, <c>GET {relay}/v1</c> (docs/protocol.md section 9): its limits and what it offers.
/// Read it with <see cref="TigressClient.GetCapabilitiesAsync"/>; the wire form is <see cref="CapabilitiesDocument"/>.
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

    /// <summary>Whether the relay counts guesses for the relay-assisted PIN (docs/protocol.md section 12.6).</summary>
    public bool RelayAssistedPin { get; private init; }

    /// <summary>The most guesses a relay-assisted PIN share may allow on this relay, when it says.</summary>
    public int? MaxPinGuesses { get; private init; }

    /// <summary>Reads the document through the wire definition (<see cref="CapabilitiesDocument"/>); null when
    /// <paramref name="json"/> is not one.</summary>
    internal static RelayCapabilities? Parse(ReadOnlySpan<byte> json)
    {
        CapabilitiesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, WireJsonContext.Default.CapabilitiesDocument);
        }
        catch (JsonException)
        {
            return null;
        }

        if (document is null)
        {
            return null;
        }

        return new RelayCapabilities
        {
            ApiVersion = document.ApiVersion,
            MaxTtl = document.MaxTtlSeconds >= 0 ? TimeSpan.FromSeconds(document.MaxTtlSeconds) : null,
            MaxPayloadBytes = document.MaxPayloadBytes >= 0 ? document.MaxPayloadBytes : null,
            MaxRequestBodyBytes = document.MaxRequestBodyBytes >= 0 ? document.MaxRequestBodyBytes : null,
            MaxDisplayLength = document.MaxDisplayLength >= 0 ? document.MaxDisplayLength : null,
            MaxWait = document.MaxWaitSeconds >= 0 ? TimeSpan.FromSeconds(document.MaxWaitSeconds) : null,
            PayloadTypes = [.. document.PayloadTypes ?? []],
            NotificationTokenTypes = [.. document.NotificationTokenTypes ?? []],
            VapidPublicKey = document.VapidPublicKey,
            ServerSentEvents = document.ServerSentEvents,
            AccessRights = document.AccessRights,
            Mailbox = document.Mailbox,
            Dropbox = document.Dropbox,
            PinShares = document.PinShares,
            RelayAssistedPin = document.RelayAssistedPin,
            MaxPinGuesses = document.MaxPinGuesses is > 0 and var most ? most : null,
        };
    }
}
