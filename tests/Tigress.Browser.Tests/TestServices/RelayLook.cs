using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Storage;
using Tigress.Testing;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>
/// What the relay itself holds for a share, read from its store without claiming or changing anything, so that a test
/// asserts on the relay's side and not only on what a page shows: the mailbox's event log (was it claimed, were PIN
/// guesses spent) and, for a relay-assisted PIN, its guesses left.
/// </summary>
internal static class RelayLook
{
    /// <summary>The mailbox's event log, oldest first; <see langword="null"/> when no live mailbox has the link's id.</summary>
    public static async Task<IReadOnlyList<MailboxEventKind>?> EventsAsync(LoopbackRelay relay, string link)
    {
        // Any claim may read the log from the store; the endpoint, not the store, refuses strangers.
        var result = await Store(relay).ReadEventsAsync(MailboxId(link), ClaimHash.Of(Guid.NewGuid()), 0, DateTimeOffset.UtcNow, CancellationToken.None);
        return result.Status == MailboxStatus.Ok ? [.. result.Events.Select(e => e.Kind)] : null;
    }

    /// <summary>
    /// The relay-assisted PIN's state as a stranger's evaluation would meet it: <see cref="MailboxStatus.Ok"/> with the
    /// guesses left while nobody holds the share, <see cref="MailboxStatus.WrongClaim"/> once a recipient is bound,
    /// <see cref="MailboxStatus.PinLocked"/> or <see cref="MailboxStatus.NotFound"/>.
    /// </summary>
    public static async Task<(MailboxStatus Status, int GuessesLeft)> PinAsync(LoopbackRelay relay, string link)
    {
        var result = await Store(relay).ReadPinKeyAsync(MailboxId(link), ClaimHash.Of(Guid.NewGuid()), DateTimeOffset.UtcNow, CancellationToken.None);
        if (result.OprfKey is { } key)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return (result.Status, result.GuessesLeft);
    }

    public static Guid MailboxId(string link)
    {
        var path = new Uri(link).AbsolutePath;
        return Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    private static IMailboxStore Store(LoopbackRelay relay) => relay.Services.GetRequiredService<IMailboxStore>();
}
