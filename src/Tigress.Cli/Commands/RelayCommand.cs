using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Relay.Hosting;
using Tigress.Relay.Prometheus;

namespace Tigress.Cli.Commands;

/// <summary><c>tigress relay</c>: runs the relay server until Ctrl-C or SIGTERM.</summary>
internal sealed class RelayCommand : BaseCommand
{
    // The configuration key each flag sets, for rewriting the relay library's messages (longer keys first).
    private static readonly (string Key, string Flag)[] s_flagOfKey =
    [
        ("Relay:Connections:MaxConnectionsPerClient", "--max-connections-per-client"),
        ("Relay:Connections:MaxConnections", "--max-connections"),
        ("Relay:Push:AllowLoopback", "--push-allow-loopback"),
        ("Relay:Push:VapidSubject", "--vapid-subject"),
        ("Relay:RateLimits:TrustedProxies", "--trust-proxy"),
        ("Relay:Redis:MinReplicas", "--redis-min-replicas"),
        ("Relay:CertificatePassword", "--cert-password"),
        ("Relay:CertificatePath", "--cert"),
        ("Relay:DataDirectory", "--data"),
        ("Relay:MetricsUrls", "--metrics-urls"),
        ("Relay:PublicUrl", "--public-url"),
        ("Relay:AllowHttp", "--allow-http"),
        ("Relay:DropboxLock", "--dropbox-lock"),
        ("Relay:MaxTtl", "--max-ttl"),
        ("RedisStoreOptions.Configuration", "--redis"),
        ("Urls", "--urls"),
    ];

    private static readonly Option<string> s_urls = new("--urls")
    {
        Description = "Addresses to listen on, separated by ';'. Plain HTTP only on loopback unless --allow-http.",
        DefaultValueFactory = _ => TigressRelayHost.DefaultUrls,
        HelpName = "URL",
    };

    private static readonly Option<string?> s_data = new("--data")
    {
        Description = "Folder for the relay's database [default: tigress under the user's local data folder]",
        HelpName = "DIR",
    };

    private static readonly Option<string?> s_publicUrl = new("--public-url")
    {
        Description = "Base URL clients reach the relay at, used in share links [default: the first --urls address]",
        HelpName = "URL",
    };

    private static readonly Option<string> s_store = new("--store")
    {
        Description = "Where mailboxes are kept.",
        DefaultValueFactory = _ => "sqlite",
        HelpName = "sqlite|redis",
    };

    private static readonly Option<string?> s_redis = new("--redis")
    {
        Description = "For --store redis: a StackExchange.Redis configuration string; a comma-separated list of nodes for a Redis Cluster.",
        HelpName = "CONFIG",
    };

    private static readonly Option<int?> s_redisMinReplicas = new("--redis-min-replicas")
    {
        Description = "For --store redis: replicas that must hold a write before it is acknowledged [default: 1 if the primary has a replica, else 0]",
        HelpName = "N",
    };

    private static readonly Option<string?> s_cert = new("--cert")
    {
        Description = "Certificate for HTTPS: a .pfx file, or a .pem file holding certificate and key.",
        HelpName = "FILE",
    };

    private static readonly Option<string?> s_certPassword = new("--cert-password")
    {
        Description = "Password of the --cert file.",
        HelpName = "PASSWORD",
    };

    private static readonly Option<bool> s_allowHttp = new("--allow-http")
    {
        Description = "Serve plain HTTP on non-loopback addresses (only behind a TLS-terminating proxy).",
    };

    private static readonly Option<bool> s_noRateLimit = new("--no-rate-limit")
    {
        Description = "Turn off the per-client rate limits (for load tests, or behind a proxy that limits).",
    };

    private static readonly Option<long?> s_maxConnections = new("--max-connections")
    {
        Description = "Most connections held at once; lowered to fit the open-file limit (ulimit -n) [default: that limit less a reserve]",
        HelpName = "N",
    };

    private static readonly Option<int?> s_maxConnectionsPerClient = new("--max-connections-per-client")
    {
        Description = "Most connections one client (IPv4 address or IPv6 /64) may hold; 0 for none, e.g. behind a proxy [default: 128]",
        HelpName = "N",
    };

    private static readonly Option<bool> s_dropboxLock = new("--dropbox-lock")
    {
        Description = "Admit only the first two clients of each dropbox location (by cookie); others get 403.",
    };

    private static readonly Option<string?> s_maxTtl = new("--max-ttl")
    {
        Description = "Longest a mailbox may live, e.g. 48h, 90m, 7d [default: 48h]",
        HelpName = "DURATION",
    };

    private static readonly Option<string?> s_vapidSubject = new("--vapid-subject")
    {
        Description = "Contact for push services in the VAPID token: mailto:ADDRESS or an https: URL [default: --public-url when https]",
        HelpName = "URI",
    };

    private static readonly Option<string?> s_metricsUrls = new("--metrics-urls")
    {
        Description = "Serve Prometheus metrics at /metrics on this separate listener, e.g. http://127.0.0.1:9464 (its own port; nothing else is served there) [default: off]",
        HelpName = "URL",
    };

    private static readonly Option<string[]> s_trustProxy = new("--trust-proxy")
    {
        Description = "A reverse proxy's network (CIDR, repeatable): its X-Forwarded-For names the client for rate limits, and for nothing else.",
        HelpName = "CIDR",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> s_logRequests = new("--log-requests")
    {
        Description = "Log one line per API request: method, operation, status and time taken; never the path, an id or an address.",
    };

    private static readonly Option<bool> s_pushAllowLoopback = new("--push-allow-loopback")
    {
        Description = "For tests: let push messages go to loopback addresses, over plain http too. Refused with --urls beyond loopback.",
    };

    // Flags override the environment, which overrides the file; docs/operations.md lists every key.
    private const string RelayDescription =
        "Run a Tigress relay: the mailbox server that carries shares between devices.\n\n" +
        "Configuration, highest precedence first: these flags; environment variables TIGRESS__Relay__<Key> (or Relay__<Key>), " +
        "e.g. TIGRESS__Relay__MaxTtl=12:00:00; appsettings.json in the working directory, section \"Relay\". " +
        "Logging: Logging__Console__FormatterName=json|simple|systemd, Logging__LogLevel__Default=Information. " +
        "OTLP export of metrics and traces: OTEL_EXPORTER_OTLP_ENDPOINT (and the other standard OTEL_* variables).";

    public RelayCommand(IInteractionService interaction, CliEnvironment environment)
        : base("relay", RelayDescription, interaction)
    {
        Subcommands.Add(RelayBackupCommand.Backup(interaction, environment));
        Subcommands.Add(RelayBackupCommand.Restore(interaction, environment));
        Options.Add(s_urls);
        Options.Add(s_data);
        Options.Add(s_publicUrl);
        Options.Add(s_store);
        Options.Add(s_redis);
        Options.Add(s_redisMinReplicas);
        Options.Add(s_cert);
        Options.Add(s_certPassword);
        Options.Add(s_allowHttp);
        Options.Add(s_noRateLimit);
        Options.Add(s_maxConnections);
        Options.Add(s_maxConnectionsPerClient);
        Options.Add(s_dropboxLock);
        Options.Add(s_maxTtl);
        Options.Add(s_vapidSubject);
        Options.Add(s_pushAllowLoopback);
        Options.Add(s_metricsUrls);
        Options.Add(s_trustProxy);
        Options.Add(s_logRequests);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var store = parseResult.GetValue(s_store);
        var redis = parseResult.GetValue(s_redis);
        if (store is not ("sqlite" or "redis"))
        {
            return Fail($"--store must be sqlite or redis, not '{store}'.");
        }

        if (store == "redis" && string.IsNullOrWhiteSpace(redis))
        {
            return Fail("--store redis needs --redis CONFIG, e.g. --redis 127.0.0.1:6379 or a comma-separated list of cluster nodes.");
        }

        if (store == "sqlite" && (redis is not null || parseResult.GetValue(s_redisMinReplicas) is not null))
        {
            return Fail("--redis and --redis-min-replicas are used only with --store redis.");
        }

        Action<ITigressRelayBuilder>? storage = store == "redis" ? builder => builder.AddRedisStorage(redis!) : null;

        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = parseResult.GetValue(s_urls),
            ["Relay:AllowHttp"] = parseResult.GetValue(s_allowHttp) ? "true" : null,
            ["Relay:RateLimits:Enabled"] = parseResult.GetValue(s_noRateLimit) ? "false" : null,
            ["Relay:Connections:MaxConnections"] = Invariant(parseResult.GetValue(s_maxConnections)),
            ["Relay:Connections:MaxConnectionsPerClient"] = Invariant(parseResult.GetValue(s_maxConnectionsPerClient)),
            ["Relay:Redis:MinReplicas"] = Invariant(parseResult.GetValue(s_redisMinReplicas)),
            ["Relay:DropboxLock"] = parseResult.GetValue(s_dropboxLock) ? "true" : null,
            ["Relay:DataDirectory"] = parseResult.GetValue(s_data) is { } data ? PathOption.FullPath(data, "--data") : null,
            ["Relay:PublicUrl"] = parseResult.GetValue(s_publicUrl),
            ["Relay:CertificatePath"] = parseResult.GetValue(s_cert),
            ["Relay:CertificatePassword"] = parseResult.GetValue(s_certPassword),
            ["Relay:Push:VapidSubject"] = parseResult.GetValue(s_vapidSubject),
            ["Relay:Push:AllowLoopback"] = parseResult.GetValue(s_pushAllowLoopback) ? "true" : null,
            ["Relay:" + TigressRelayHost.MetricsUrlsKey] = parseResult.GetValue(s_metricsUrls),
            [TigressRelayHost.LogRequestsKey] = parseResult.GetValue(s_logRequests) ? "true" : null,
        };

        var proxies = parseResult.GetValue(s_trustProxy) ?? [];
        for (var i = 0; i < proxies.Length; i++)
        {
            settings[$"Relay:RateLimits:TrustedProxies:{i}"] = proxies[i];
        }

        if (parseResult.GetValue(s_maxTtl) is { } maxTtl)
        {
            if (!DurationParser.TryParse(maxTtl, out var ttl))
            {
                return Fail($"--max-ttl: '{maxTtl}' is not a duration like 48h, 90m or 7d.");
            }

            settings["Relay:MaxTtl"] = ttl.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        // Unset flags must not hide appsettings.json or TIGRESS__ environment values.
        var given = settings.Where(pair => pair.Value is not null);
        try
        {
            await using var app = TigressRelayHost.Build(given, configureStorage: storage, metricsEndpoint: PrometheusRelayMetrics.Instance);
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() => AnnounceStarted(app, store!));
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (RelayConfigurationException e)
        {
            return Fail(InFlagNames(e.Message));
        }
        catch (OptionsValidationException e)
        {
            return Fail(InFlagNames(string.Join(" ", e.Failures)));
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"Cannot listen: {e.Message} Choose another address with --urls.");
        }
        // Listening failures are caught above: what is left of I/O is the data folder (missing parent, a file in the way).
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Fail($"Cannot open the data folder: {InFlagNames(e.Message)} Choose another folder with --data.");
        }
    }

    private void AnnounceStarted(WebApplication app, string store)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<RelayOptions>>().Value;
        Interaction.WriteOutputLine($"Tigress relay listening on {string.Join(", ", addresses)}");
        Interaction.WriteOutputLine(store == "redis" ? "Store: redis" : $"Data folder: {options.DataDirectory}");
        Interaction.DisplayMessage("Press Ctrl-C to stop.");
    }

    /// <summary>The relay library names configuration keys; on the command line, the flags that set them.</summary>
    internal static string InFlagNames(string message)
    {
        foreach (var (key, flag) in s_flagOfKey)
        {
            message = Regex.Replace(message, $@"(?<![\w:.]){Regex.Escape(key)}(?!\w|:\w)", flag, RegexOptions.CultureInvariant);
        }

        return message;
    }

    private static string? Invariant<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    private int Fail(string message) => Fail(new CliFailure(ExitCodes.InvalidUsage, "invalid-usage", message), json: false);
}
