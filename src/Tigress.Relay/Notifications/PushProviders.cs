using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Notifications;

/// <summary>
/// The push providers in use, by token type: none when push is off, otherwise Web Push and every registered
/// <see cref="IPushProvider"/>. Built once at start, which also loads or creates the VAPID keys.
/// </summary>
internal sealed class PushProviders
{
    private readonly Dictionary<string, IPushProvider> _byType = new(StringComparer.Ordinal);

    public PushProviders(IServiceProvider services, IOptions<RelayOptions> options)
    {
        if (!options.Value.Push.Enabled)
        {
            return;
        }

        foreach (var provider in services.GetServices<IPushProvider>())
        {
            if (!_byType.TryAdd(provider.TokenType, provider))
            {
                throw new RelayConfigurationException($"Two push providers handle the token type '{provider.TokenType}'; register one.");
            }
        }
    }

    /// <summary>The token types with a provider, Web Push first; the capability document lists them.</summary>
    public IReadOnlyList<string> TokenTypes =>
        [.. _byType.Keys.OrderBy(type => type == WebPushProvider.Type ? 0 : 1).ThenBy(type => type, StringComparer.Ordinal)];

    public IPushProvider? Find(string? tokenType) =>
        tokenType is not null && _byType.TryGetValue(tokenType, out var provider) ? provider : null;

    /// <summary>The provider for a stored token (<c>{"type", "tokenData"}</c> JSON), or null.</summary>
    public IPushProvider? ForStoredToken(byte[]? token) => token is null || _byType.Count == 0 ? null : Find(TypeOf(token));

    /// <summary>Reads <c>type</c> from a stored token without building a document.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> token)
    {
        try
        {
            var reader = new Utf8JsonReader(token);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A damaged token has no type.
        }

        return null;
    }
}
