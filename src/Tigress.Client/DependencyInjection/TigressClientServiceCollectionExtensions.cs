using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Client;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SDK's clients over <c>IHttpClientFactory</c>.</summary>
public static class TigressClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the <see cref="MailboxClient"/> is built over.</summary>
    public const string MailboxHttpClientName = "Tigress.Client.Mailbox";

    /// <summary>The name of the <see cref="HttpClient"/> the <see cref="DropboxClient"/> is built over.</summary>
    public const string DropboxHttpClientName = "Tigress.Client.Dropbox";

    /// <summary>
    /// Registers <see cref="TigressClient"/>, <see cref="MailboxClient"/> and <see cref="DropboxClient"/> as typed
    /// clients of <c>IHttpClientFactory</c> (transient: each resolution gets a fresh <see cref="HttpClient"/> over the
    /// factory's pooled handlers, so DNS changes are seen), with their options from
    /// <c>IOptions&lt;MailboxClientOptions&gt;</c> and <c>IOptions&lt;DropboxClientOptions&gt;</c>, logging to the container's
    /// <see cref="ILoggerFactory"/> (sessions over these clients log there too).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureHttpClient">Called for each of the two named clients, to add handlers such as
    /// <c>AddStandardResilienceHandler()</c> (see docs/sdk.md on its timeouts against long polls).</param>
    /// <remarks>The primary handler sends no cookies or credentials of its own and follows no redirect (a redirect would
    /// carry a device claim or a message elsewhere); the client timeout (90 s) is above the longest wait a relay grants.
    /// Resolve <see cref="TigressClient"/> where a transfer starts; do not keep it in a singleton.</remarks>
    public static IServiceCollection AddTigressClient(this IServiceCollection services, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The container's logging, unless the application chose a logger factory of its own.
        services.AddOptions<MailboxClientOptions>().Configure<ILoggerFactory>((options, loggers) => options.LoggerFactory ??= loggers);
        services.AddOptions<DropboxClientOptions>().Configure<ILoggerFactory>((options, loggers) => options.LoggerFactory ??= loggers);

        var mailbox = Named(services, MailboxHttpClientName)
            .AddTypedClient((http, provider) => new MailboxClient(http, provider.GetRequiredService<IOptions<MailboxClientOptions>>().Value));
        var dropbox = Named(services, DropboxHttpClientName)
            .AddTypedClient((http, provider) => new DropboxClient(http, provider.GetRequiredService<IOptions<DropboxClientOptions>>().Value));
        configureHttpClient?.Invoke(mailbox);
        configureHttpClient?.Invoke(dropbox);

        services.TryAddTransient(provider => new TigressClient(provider.GetRequiredService<MailboxClient>(), provider.GetRequiredService<DropboxClient>()));
        return services;
    }

    private static IHttpClientBuilder Named(IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = TimeSpan.FromSeconds(90))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseCookies = false,
                Credentials = null,
                PreAuthenticate = false,
                AllowAutoRedirect = false,
            });
}
