using System.Collections.Concurrent;
using Lib.Net.Http.WebPush.Authentication;

namespace Tigress.Relay.Notifications;

/// <summary>Keeps each push service's VAPID token until an hour before it expires, so the relay signs about once per service per half day.</summary>
internal sealed class VapidTokenCache(TimeProvider time) : IVapidTokenCache
{
    private const int MaxEntries = 1024;
    private static readonly TimeSpan s_margin = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expiration)> _tokens = new(StringComparer.Ordinal);

    public string? Get(string audience) =>
        _tokens.TryGetValue(audience, out var entry) && entry.Expiration - s_margin > time.GetUtcNow() ? entry.Token : null;

    public void Put(string audience, DateTimeOffset expiration, string token)
    {
        // Audiences are push services, few in practice; a flood of distinct ones only costs signatures.
        if (_tokens.Count >= MaxEntries)
        {
            _tokens.Clear();
        }

        _tokens[audience] = (token, expiration);
    }
}
