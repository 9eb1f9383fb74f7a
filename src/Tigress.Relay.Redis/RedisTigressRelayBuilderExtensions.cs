using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tigress.Relay.Hosting;
using Tigress.Relay.Redis;
using Tigress.Relay.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses Redis or Redis Cluster as the relay's store.</summary>
public static class RedisTigressRelayBuilderExtensions
{
    /// <summary>
    /// Stores mailboxes in Redis or Redis Cluster, so that several relay nodes serve the same mailboxes: first claim
    /// wins across nodes, retried requests are answered on any node, and a long poll on one node wakes on a write
    /// through another.
    /// </summary>
    /// <param name="builder">The relay's builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>redis1:6379,redis2:6379,redis3:6379</c>.</param>
    /// <exception cref="RelayConfigurationException">The configuration string cannot be used; the message says why.</exception>
    public static ITigressRelayBuilder AddRedisStorage(this ITigressRelayBuilder builder, string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddRedisStorage(options => options.Configuration = configuration);
    }

    /// <summary>Stores mailboxes in Redis or Redis Cluster, with every setting of <see cref="RedisStoreOptions"/>.</summary>
    /// <remarks>
    /// Registers singletons: one multiplexed connection for the life of the host (closed when the host stops), and on
    /// it the mailbox store and the HTTP dropbox store, so that both bindings work across relay nodes. The connection
    /// is opened without waiting for Redis: while Redis is away, requests answer <c>503</c> and <c>/healthz</c>
    /// reports unhealthy, and the relay recovers by itself when Redis returns.
    /// </remarks>
    /// <exception cref="RelayConfigurationException">The settings cannot be used; the message says why.</exception>
    public static ITigressRelayBuilder AddRedisStorage(this ITigressRelayBuilder builder, Action<RedisStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RedisStoreOptions();
        configure(options);
        var configuration = ParseConfiguration(options);

        // The replication settings also come from configuration keys, which the provider knows: checked when the host starts.
        builder.Services.AddOptions<RedisStoreOptions>()
            .Configure<IServiceProvider>((settings, provider) => ApplySettings(settings, provider.GetService<IConfiguration>()))
            .Configure(configure)
            .Validate(settings => settings.MinReplicas is null or (>= 0 and <= 16), $"{SectionName}:{nameof(RedisStoreOptions.MinReplicas)} must be a number of replicas from 0 to 16.")
            .Validate(settings => settings.ReplicationTimeout >= TimeSpan.FromMilliseconds(1) && settings.ReplicationTimeout <= TimeSpan.FromMinutes(1), $"{SectionName}:{nameof(RedisStoreOptions.ReplicationTimeout)} must be from 1 ms to 1 minute.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton<MailboxSignals>();
        builder.Services.TryAddSingleton<DropboxSignals>();
        builder.Services.TryAddSingleton(new StoreDescription("redis", string.Join(",", configuration.EndPoints.Select(EndPointCollection.ToString))));
        builder.Services.TryAddSingleton(provider => RedisConnection.Connect(configuration, Replication(provider.GetRequiredService<IOptions<RedisStoreOptions>>().Value), Logger(provider)));
        builder.Services.TryAddSingleton<IMailboxStore>(provider => new RedisMailboxStore(
            provider.GetRequiredService<RedisConnection>(),
            options.KeyPrefix,
            provider.GetRequiredService<MailboxSignals>(),
            provider.GetRequiredKeyedService<TimeProvider>(RelayOptions.ClockServiceKey),
            Logger(provider)));
        builder.Services.TryAddSingleton<IDropboxStore>(provider => new RedisDropboxStore(
            provider.GetRequiredService<RedisConnection>(),
            options.KeyPrefix,
            provider.GetRequiredService<DropboxSignals>(),
            Logger(provider)));

        // Every node spends from the same per-client budgets.
        builder.Services.TryAddSingleton<ISharedRateLimits>(provider => new RedisRateLimits(provider.GetRequiredService<RedisConnection>(), options.KeyPrefix));
        return builder;
    }

    private static ILogger Logger(IServiceProvider provider) => provider.GetRequiredService<ILoggerFactory>().CreateLogger<RedisMailboxStore>();

    /// <summary>The configuration section whose keys (<c>Relay:Redis:MinReplicas</c>, ...) set the store's options.</summary>
    internal const string SectionName = "Relay:Redis";

    internal static void ApplySettings(RedisStoreOptions options, IConfiguration? configuration)
    {
        var section = configuration?.GetSection(SectionName);
        if (section?[nameof(RedisStoreOptions.MinReplicas)] is { Length: > 0 } minReplicas)
        {
            options.MinReplicas = int.TryParse(minReplicas, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw Invalid($"{SectionName}:{nameof(RedisStoreOptions.MinReplicas)} must be a number of replicas from 0 to 16, not '{minReplicas}'.");
        }

        if (section?[nameof(RedisStoreOptions.ReplicationTimeout)] is { Length: > 0 } timeout)
        {
            options.ReplicationTimeout = TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Invalid($"{SectionName}:{nameof(RedisStoreOptions.ReplicationTimeout)} must be a time span such as 00:00:01, not '{timeout}'.");
        }

        static OptionsValidationException Invalid(string message) => new(nameof(RedisStoreOptions), typeof(RedisStoreOptions), [message]);
    }

    private static RedisReplication Replication(RedisStoreOptions options) => new(options.MinReplicas, options.ReplicationTimeout);

    internal static ConfigurationOptions ParseConfiguration(RedisStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            throw new RelayConfigurationException("RedisStoreOptions.Configuration: give the Redis server or cluster nodes, e.g. redis1:6379,redis2:6379,redis3:6379.");
        }

        if (options.KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new RelayConfigurationException($"The Redis key prefix '{options.KeyPrefix}' must not contain '{{' or '}}': they would change the keys' hash tags.");
        }

        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException e)
        {
            // The parser names the option it did not understand, never a value, so no password reaches the message.
            throw new RelayConfigurationException($"RedisStoreOptions.Configuration: the configuration string is not valid: {e.Message}", e);
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw new RelayConfigurationException("RedisStoreOptions.Configuration: the configuration string names no server; start it with host:port.");
        }

        // Start and keep running while Redis is away; every request then answers 503 until it returns. Commands are
        // not queued while disconnected: a server answers "unavailable, retry" at once rather than hold requests for
        // an outage of unknown length and then run them after their clients were already told 503.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "tigress-relay";
        return configuration;
    }
}
