using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Attestation;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Dropbox;
using Tigress.Relay.Events;
using Tigress.Relay.Hosting;
using Tigress.Relay.Mailboxes;
using Tigress.Relay.Notifications;
using Tigress.Relay.Problems;
using Tigress.Relay.RateLimiting;
using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Protocol.Wire.Messages;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Tigress relay in a host's services.</summary>
public static class TigressRelayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the relay's services: endpoints, options (validated at start), rate limits, metrics, the expiry sweeper
    /// and health checks. Choose a store on the returned builder, for example <c>.AddSqliteStorage()</c>.
    /// </summary>
    public static ITigressRelayBuilder AddTigressRelay(this IServiceCollection services, Action<RelayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RelayOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>());
        services.TryAddKeyedSingleton(RelayOptions.ClockServiceKey, TimeProvider.System);
        services.TryAddSingleton<IDeviceAttestationVerifier, AcceptAllAttestationVerifier>();
        services.TryAddSingleton<TigressRelayMarker>();
        services.TryAddSingleton<RelayMetrics>();
        services.TryAddSingleton<RequestTelemetry>();
        services.TryAddSingleton<RelayUrls>();
        services.TryAddSingleton<LongPoll>();
        services.TryAddSingleton<MailboxEndpoints>();
        services.TryAddSingleton<DropboxEndpoints>();
        services.TryAddSingleton<MailboxSignals>();
        services.TryAddSingleton<EventStreamLimiter>();
        services.TryAddSingleton<EventStreamEndpoint>();
        AddPush(services);
        services.AddMetrics();
        services.AddHostedService<ExpirySweeper>();
        services.TryAddSingleton<StoreRoom>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, tags: [StoreHealthCheck.Name])
            .AddCheck<StoreReadinessCheck>("ready", tags: ["ready"]);
        services.AddProblemDetails();
        services.AddExceptionHandler<RelayExceptionHandler>();
        services.AddRelayRateLimiting();
        Tigress.Relay.Web.CrossOrigin.AddPolicy(services);
        services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<MailboxIdRouteConstraint>(MailboxIds.RouteConstraint));
        services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJsonContext.Default));
        return new TigressRelayBuilder(services);
    }

    /// <summary>
    /// Adds a push provider for one <c>notificationToken.type</c> (for example <c>com.apple.apns</c>), used when
    /// push is enabled. The provider is a singleton; registering two for the same type stops the relay at start.
    /// </summary>
    public static ITigressRelayBuilder AddPushProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this ITigressRelayBuilder builder)
        where TProvider : class, IPushProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPushProvider, TProvider>());
        return builder;
    }

    // Everything push is a singleton. The VAPID keys are loaded (or generated) when the dispatcher starts.
    private static void AddPush(IServiceCollection services)
    {
        services.TryAddSingleton<IPushAddressResolver, DnsPushAddressResolver>();
        services.TryAddSingleton<IPushConnectFilter>(provider => new PushConnectFilter(provider.GetRequiredService<IOptions<RelayOptions>>().Value.Push.LoopbackOnly));
        services.TryAddSingleton(provider => new PushAddressPolicy(provider.GetRequiredService<IOptions<RelayOptions>>().Value.Push.AllowLoopback));
        services.TryAddSingleton<PushEndpointGuard>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RelayOptions>>().Value;
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VapidKeys).FullName!);
            return VapidKeys.Load(options.Push, options.DataDirectory, logger);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPushProvider, WebPushProvider>());
        services.TryAddSingleton<PushProviders>();
        services.TryAddSingleton<PushQueue>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<MailboxNotifier>();
        services.AddHostedService<PushDispatcher>();
    }

    /// <summary>
    /// Stores mailboxes in an embedded SQLite database in <see cref="RelayOptions.DataDirectory"/>.
    /// </summary>
    /// <remarks>
    /// The database is a singleton that owns one connection for the life of the host; it is disposed, and the
    /// write-ahead log folded into the database file, when the host stops. The stores on it are singletons too.
    /// </remarks>
    public static ITigressRelayBuilder AddSqliteStorage(this ITigressRelayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<MailboxSignals>();
        builder.Services.TryAddSingleton(provider =>
            new StoreDescription("sqlite", provider.GetRequiredService<IOptions<RelayOptions>>().Value.DataDirectory));
        builder.Services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RelayOptions>>().Value;
            Directory.CreateDirectory(options.DataDirectory);
            RelayDurabilityNames.TryParse(options.Durability, out var durability);
            return new SqliteDatabase(Path.Combine(options.DataDirectory, "relay.db"), durability);
        });
        builder.Services.TryAddSingleton<IMailboxStore, SqliteMailboxStore>();
        builder.Services.TryAddSingleton<DropboxSignals>();
        builder.Services.TryAddSingleton<IDropboxStore, SqliteDropboxStore>();
        return builder;
    }
}
