using System.Text.Json;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Sends wake-ups for one <c>notificationToken.type</c> (docs/protocol.md section 10), such as <c>com.apple.apns</c> or
/// <c>com.google.fcm</c>. Register an implementation with <c>AddPushProvider</c>; a token of a type without a
/// provider is stored, but <c>isPushNotificationSupported</c> is <see langword="false"/> for it.
/// </summary>
/// <remarks>
/// The relay calls <see cref="SendAsync"/> off the request path, one wake-up at a time per mailbox side, with a
/// timeout; it retries <see cref="PushStatus.RetryLater"/> with backoff and forgets the token on
/// <see cref="PushStatus.TokenGone"/>. Implementations must be thread-safe and must not log token contents.
/// </remarks>
public interface IPushProvider
{
    /// <summary>The <c>notificationToken.type</c> this provider handles, compared exactly.</summary>
    string TokenType { get; }

    /// <summary>
    /// Checks a token's <c>tokenData</c> (a JSON string or object) when a client registers it. Returns
    /// <see langword="null"/> to accept it, or a short reason, shown to the client in a 400 answer, that never
    /// repeats the token.
    /// </summary>
    string? Validate(JsonElement tokenData);

    /// <summary>Delivers one wake-up and says how it went; throwing counts as <see cref="PushStatus.Failed"/>.</summary>
    Task<PushResult> SendAsync(PushWakeUp wakeUp, CancellationToken cancellationToken);
}
