using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tigress.Relay.Hosting;
using Tigress.Relay.RateLimiting;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Turns what happened to a mailbox into wake-ups for the sides that registered a token of a supported type
/// (docs/protocol.md section 10): the other side when one writes, the initiator when a recipient claims or a wrong PIN
/// proof spends a guess, both sides when the mailbox is deleted or expires. Only queues them; <see cref="PushDispatcher"/> sends.
/// </summary>
internal sealed class MailboxNotifier(PushProviders providers, PushQueue queue, IHttpContextAccessor requests, IOptions<RelayOptions> options)
{
    private readonly ForwardedClient _clients = new(options.Value.RateLimits.TrustedProxies);

    public void Claimed(Guid mailboxId, byte[]? initiatorToken, DateTimeOffset expiresAt) =>
        Notify(mailboxId, MailboxRole.Initiator, initiatorToken, MailboxEventKind.Claimed, expiresAt);

    /// <summary>A wrong proof of the relay-assisted PIN spent a guess: the initiator hears of it as of a claim.</summary>
    public void PinFailed(Guid mailboxId, byte[]? initiatorToken, DateTimeOffset expiresAt) =>
        Notify(mailboxId, MailboxRole.Initiator, initiatorToken, MailboxEventKind.PinFailed, expiresAt);

    public void Updated(Guid mailboxId, MailboxRole writer, MailboxWriteResult result)
    {
        var (other, token) = writer == MailboxRole.Initiator
            ? (MailboxRole.Recipient, result.RecipientToken)
            : (MailboxRole.Initiator, result.InitiatorToken);
        Notify(mailboxId, other, token, MailboxEventKind.Updated, result.ExpiresAt);
    }

    public void Deleted(Guid mailboxId, MailboxWriteResult result)
    {
        Notify(mailboxId, MailboxRole.Initiator, result.InitiatorToken, MailboxEventKind.Deleted, result.ExpiresAt);
        Notify(mailboxId, MailboxRole.Recipient, result.RecipientToken, MailboxEventKind.Deleted, result.ExpiresAt);
    }

    /// <summary>An expired mailbox has no life left: its wake-ups go out with a TTL of zero.</summary>
    public void Expired(MailboxTokens tokens, DateTimeOffset now)
    {
        Notify(tokens.MailboxId, MailboxRole.Initiator, tokens.InitiatorToken, MailboxEventKind.Expired, now);
        Notify(tokens.MailboxId, MailboxRole.Recipient, tokens.RecipientToken, MailboxEventKind.Expired, now);
    }

    private void Notify(Guid mailboxId, MailboxRole side, byte[]? token, MailboxEventKind kind, DateTimeOffset deadline)
    {
        if (token is not null && providers.ForStoredToken(token) is not null)
        {
            // The wake-up counts against the share of the client whose request caused it (the sweeper's have none).
            var client = requests.HttpContext is { } context ? ClientKey.Of(_clients.AddressOf(context)) : string.Empty;
            queue.Enqueue(new PushJob(mailboxId, side, token, kind, deadline) { Client = client, Origin = OriginOf(token) });
        }
    }

    /// <summary>
    /// The push service a token sends to: the origin of its Web Push endpoint (<c>tokenData.endpoint</c>, the
    /// subscription as an object or as a JSON string), else its type, so every token of a type without endpoints
    /// shares one origin.
    /// </summary>
    internal static string OriginOf(byte[] token)
    {
        try
        {
            using var document = JsonDocument.Parse(token);
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
            if (!root.TryGetProperty("tokenData", out var data))
            {
                return type;
            }

            using var inner = data.ValueKind == JsonValueKind.String ? JsonDocument.Parse(data.GetString()!) : null;
            var subscription = inner?.RootElement ?? data;
            return subscription.ValueKind == JsonValueKind.Object
                && subscription.TryGetProperty("endpoint", out var endpoint) && endpoint.ValueKind == JsonValueKind.String
                && Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out var uri)
                ? uri.GetLeftPart(UriPartial.Authority)
                : type;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
