using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Mailboxes;
using Tigress.Relay.Notifications;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Builds the relay as a complete web application, the way <c>tigress relay</c> runs it: configuration from
/// <c>appsettings.json</c>, <c>TIGRESS__</c> environment variables and the given settings (highest precedence),
/// Kestrel on the configured URLs, the SQLite store unless another is chosen, problem+json for every error.
/// </summary>
public static class TigressRelayHost
{
    /// <summary>The default listening address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>
    /// The configuration key, under <c>Relay</c>, of the listener that serves Prometheus metrics at <c>/metrics</c>
    /// (<c>--metrics-urls</c>); no metrics listener when unset.
    /// </summary>
    public const string MetricsUrlsKey = "MetricsUrls";

    /// <summary>
    /// The configuration key of the per-request log lines (<c>--log-requests</c>): <c>true</c> logs one line per API
    /// request at Information, naming the operation and status only. Default: <see langword="false"/>.
    /// </summary>
    public const string LogRequestsKey = "Relay:LogRequests";

    /// <summary>Builds the relay application; start it with <c>RunAsync</c> or <c>StartAsync</c>.</summary>
    /// <param name="settings">Configuration keys, e.g. <c>Urls</c>, <c>Relay:DataDirectory</c>, <c>Relay:PublicUrl</c>.</param>
    /// <param name="configureServices">Replaces or adds services after the relay's own (tests use it to swap the clock).</param>
    /// <param name="configureStorage">
    /// Chooses the store, for example <c>builder => builder.AddRedisStorage(configuration)</c>; when
    /// <see langword="null"/>, the embedded SQLite store (<c>AddSqliteStorage</c>).
    /// </param>
    /// <param name="metricsEndpoint">
    /// Serves metrics on the metrics listener (<see cref="MetricsUrlsKey"/>), for example the Prometheus endpoint of
    /// the <c>Tigress.Relay.Prometheus</c> package; when <see langword="null"/>, a configured metrics listener is
    /// refused at start.
    /// </param>
    /// <exception cref="RelayConfigurationException">The settings cannot work; the message says why.</exception>
    public static WebApplication Build(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        Action<ITigressRelayBuilder>? configureStorage = null,
        IRelayMetricsEndpoint? metricsEndpoint = null)
    {
        // No reload-on-change: its file watcher over the content root (the working directory) would wake on every
        // write there, including the store's WAL when the data folder sits inside it; options are read at start.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Configuration.AddEnvironmentVariables("TIGRESS__");
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Request logs name paths, and paths hold mailbox ids: framework chatter stays at Warning.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        // Kestrel warns once per refused connection, and a flooding client alone decides how often; the relay's own
        // connection limiter warns at most once a minute instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.Error);
        AddLoggingDefaults(builder);

        var relay = builder.Configuration.GetSection(RelayOptions.SectionName);
        var urls = builder.Configuration["Urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
        var allowHttp = relay.GetValue<bool>(nameof(RelayOptions.AllowHttp));
        CheckUrls("Urls", urls, allowHttp, relay[nameof(RelayOptions.CertificatePath)]);
        CheckPushLoopback(urls, relay.GetSection(nameof(RelayOptions.Push)));
        var metricsUrls = relay[MetricsUrlsKey] is { Length: > 0 } metrics ? metrics : null;
        var metricsPorts = metricsUrls is null ? [] : MetricsPorts(urls, metricsUrls, allowHttp, relay[nameof(RelayOptions.CertificatePath)]);
        if (metricsPorts.Count > 0 && metricsEndpoint is null)
        {
            throw new RelayConfigurationException(
                $"{RelayOptions.SectionName}:{MetricsUrlsKey}: no metrics endpoint to serve there; the tigress command brings the Prometheus one, and a host that builds the relay itself passes one (Tigress.Relay.Prometheus).");
        }

        builder.WebHost.UseUrls([.. SplitUrls(urls), .. SplitUrls(metricsUrls ?? string.Empty)]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            LimitConnections(kestrel);
            if (relay[nameof(RelayOptions.CertificatePath)] is { Length: > 0 } certificatePath)
            {
                var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TigressRelayHost).FullName!);
                var certificate = CertificateReloader.Load(certificatePath, relay[nameof(RelayOptions.CertificatePassword)], logger);
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
            }
        });

        AddTelemetry(builder, metricsPorts.Count > 0 ? metricsEndpoint : null);
        AddSystemd(builder.Services);

        builder.Services.Configure<RelayOptions>(relay);
        var relayBuilder = builder.Services.AddTigressRelay();
        if (configureStorage is null)
        {
            relayBuilder.AddSqliteStorage();
        }
        else
        {
            configureStorage(relayBuilder);
        }

        builder.Services.AddOpenApi(openApi =>
        {
            RelayOpenApi.Configure(openApi);
            openApi.AddDocumentTransformer((document, context, _) =>
            {
                // The configured public URL, never the request's Host header, which any client can set.
                document.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<RelayUrls>().PublicBase }];
                return Task.CompletedTask;
            });
        });
        builder.Services.AddSingleton<WaitingRequestBudget>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        if (metricsPorts.Count > 0)
        {
            // The metrics listener serves /metrics and nothing else; the relay's listeners never serve /metrics.
            metricsEndpoint!.Map(app, context => context.Request.Path == "/metrics" && metricsPorts.Contains(context.Connection.LocalPort));
            app.Use((context, next) => metricsPorts.Contains(context.Connection.LocalPort)
                ? ProblemWriter.WriteAsync(context, Problem.NotFound())
                : next(context));
        }

        app.Use(NoSniff);
        app.UseExceptionHandler();
        app.Use(ClientFaults.InvokeAsync);
        app.UseStatusCodePages(async context =>
        {
            // Framework-made errors (no route, wrong method) get the same problem+json as the relay's own.
            if (!context.HttpContext.Response.HasStarted && context.HttpContext.Response.ContentLength is null)
            {
                await ProblemWriter.WriteAsync(context.HttpContext, Problem.ForStatus(context.HttpContext.Response.StatusCode)).ConfigureAwait(false);
            }
        });
        app.Use(EchoRequestId);
        app.UseCors();
        app.Use(app.Services.GetRequiredService<WaitingRequestBudget>().InvokeAsync);
        app.MapTigressRelay();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    /// <summary>
    /// Metrics for the metrics listener (when one is configured) and metrics and traces over OTLP (when the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads the other <c>OTEL_*</c> settings itself).
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder, IRelayMetricsEndpoint? metricsEndpoint)
    {
        var prometheus = metricsEndpoint is not null;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry();

        // OTEL_SERVICE_NAME, when set, names the service instead.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService("tigress-relay"));
        }

        telemetry.WithMetrics(metrics =>
        {
            // The relay's own instruments, ASP.NET Core's request metrics (by route template, never by path) and the runtime's.
            metrics.AddMeter(RelayMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime");
            if (prometheus)
            {
                metricsEndpoint!.AddExporter(metrics);
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                // ASP.NET Core starts an unrecorded request activity for its log scopes; the default parent-based
                // sampler would drop every relay span under it. OTEL_TRACES_SAMPLER, when set, decides instead.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_TRACES_SAMPLER"]))
                {
                    tracing.SetSampler(new AlwaysOnSampler());
                }

                tracing.AddSource(RequestTelemetry.ActivitySourceName).AddOtlpExporter();
            });
        }
    }

    /// <summary>
    /// Under systemd (<c>Type=notify</c>), tells it when the relay is ready and when it stops. Unlike
    /// <c>UseSystemd()</c>, it leaves the log format to configuration: the unit file chooses the systemd formatter, and
    /// an operator may choose JSON instead.
    /// </summary>
    private static void AddSystemd(IServiceCollection services)
    {
        if (SystemdHelpers.IsSystemdService())
        {
            services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }
    }

    private static string[] SplitUrls(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // The metrics listener is told apart by its port, so it needs its own fixed one.
    private static HashSet<int> MetricsPorts(string urls, string metricsUrls, bool allowHttp, string? certificatePath)
    {
        CheckUrls("Relay:MetricsUrls", metricsUrls, allowHttp, certificatePath);
        var relayPorts = SplitUrls(urls).Select(Port).ToHashSet();
        var ports = new HashSet<int>();
        foreach (var url in SplitUrls(metricsUrls))
        {
            var port = Port(url);
            if (port <= 0 || relayPorts.Contains(port))
            {
                throw new RelayConfigurationException($"Relay:MetricsUrls: '{url}' needs a fixed port of its own, not 0 nor one of Urls.");
            }

            ports.Add(port);
        }

        return ports;
    }

    private static int Port(string url) =>
        BindingAddress.Parse(url) is { } address ? address.Port : -1;

    /// <summary>
    /// The console log's defaults, below every configuration source so that appsettings.json, the environment
    /// (<c>Logging__Console__FormatterName=json</c>) and the given settings override each: the simple formatter on
    /// one line, UTC timestamps, and per-request lines off.
    /// </summary>
    private static void AddLoggingDefaults(WebApplicationBuilder builder)
    {
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = ConsoleFormatterNames.Simple,
                ["Logging:Console:FormatterOptions:SingleLine"] = "true",
                ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
                // Relay:LogRequests is the short way to turn the request lines on; the log level itself still wins.
                ["Logging:LogLevel:" + RequestTelemetry.RequestLogCategory] =
                    builder.Configuration.GetValue<bool>(LogRequestsKey) ? nameof(LogLevel.Information) : nameof(LogLevel.Warning),
            },
        });

        // Timestamps on unless a format is configured; the simple formatter needs the space before the level.
        builder.Services.PostConfigure<SimpleConsoleFormatterOptions>(options => options.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ ");
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(options => options.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ");
    }

    private static void LogStarted(WebApplication app)
    {
        var store = app.Services.GetService<StoreDescription>() ?? new StoreDescription(app.Services.GetRequiredService<IMailboxStore>().GetType().Name, "(not described)");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TigressRelayHost).FullName!);
        RelayLog.Started(logger, string.Join(", ", addresses), app.Services.GetRequiredService<RelayUrls>().PublicBase, store.Name, store.Location);
    }

    /// <summary>
    /// Sizes Kestrel's connection caps below the open-file limit, with room for the store, push and the runtime,
    /// and puts the per-client connection cap in front of every endpoint.
    /// </summary>
    private static void LimitConnections(KestrelServerOptions kestrel)
    {
        var services = kestrel.ApplicationServices;
        var options = services.GetRequiredService<IOptions<RelayOptions>>().Value.Connections;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TigressRelayHost).FullName!);
        var budget = ConnectionBudget.Compute(options, ConnectionBudget.ReadOpenFileLimit(), ConnectionBudget.CountOpenDescriptors());
        if (budget.OpenFileLimit is not { } limit)
        {
            RelayLog.ConnectionBudgetUnknown(logger, budget.MaxConnections);
        }
        else if (budget.Lowered)
        {
            RelayLog.ConnectionBudgetLowered(logger, options.MaxConnections!.Value, limit, budget.MaxConnections);
        }
        else
        {
            RelayLog.ConnectionBudget(logger, limit, budget.OpenAtStart, budget.MaxConnections, options.ReservedDescriptors);
        }

        services.GetRequiredService<WaitingRequestBudget>().Max = budget.MaxWaitingRequests;
        kestrel.Limits.MaxConcurrentConnections = budget.MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = budget.MaxConnections;
        var limiter = new ClientConnectionLimiter(budget, logger, services.GetRequiredKeyedService<TimeProvider>(RelayOptions.ClockServiceKey));
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(limiter.Use).Use(HttpVersionGuard.Use).Use(ContentLengthGuard.Use));
    }

    // Every answer, set as its head goes out: the exception handler clears the headers of a failed request first.
    private static Task NoSniff(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = ProblemWriter.NoSniff;
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    // Every answer carries the request's Mailbox-Request-ID back, errors included.
    private static Task EchoRequestId(HttpContext context, RequestDelegate next)
    {
        if (MailboxHeaders.EchoableRequestId(context.Request) is { } requestId)
        {
            context.Response.Headers[MailboxHeaderNames.RequestId] = requestId;
        }

        return next(context);
    }

    private static void CheckUrls(string option, string urls, bool allowHttp, string? certificatePath)
    {
        foreach (var url in SplitUrls(urls))
        {
            var hostStart = url.IndexOf("://", StringComparison.Ordinal);
            if (hostStart < 0)
            {
                throw new RelayConfigurationException($"{option}: '{url}' is not a URL like http://127.0.0.1:8080.");
            }

            var scheme = url[..hostStart].ToLowerInvariant();
            if (scheme == "https" && string.IsNullOrEmpty(certificatePath))
            {
                throw new RelayConfigurationException($"{option}: '{url}' is HTTPS but no certificate was given; give Relay:CertificatePath (and Relay:CertificatePassword if it has one).");
            }

            if (scheme == "http" && !allowHttp && !IsLoopback(url[(hostStart + 3)..]))
            {
                throw new RelayConfigurationException(
                    $"{option}: '{url}' would serve plain HTTP beyond this machine. Use https with Relay:CertificatePath, or Relay:AllowHttp behind a TLS-terminating proxy.");
            }

            if (scheme is not ("http" or "https"))
            {
                throw new RelayConfigurationException($"{option}: '{url}' must start with http:// or https://.");
            }
        }
    }

    // Posting to loopback is for tests: on a relay others can reach, it would let anyone make it call local services.
    private static void CheckPushLoopback(string urls, IConfigurationSection push)
    {
        if (!push.GetValue<bool>(nameof(PushOptions.AllowLoopback)) || push.GetValue<bool>(nameof(PushOptions.ForceAllowLoopback)))
        {
            return;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var hostStart = url.IndexOf("://", StringComparison.Ordinal);
            if (!IsLoopback(url[(hostStart + 3)..]))
            {
                throw new RelayConfigurationException(
                    $"Relay:Push:AllowLoopback is for tests: it lets push messages reach this machine's own services, and the relay would listen beyond loopback at '{url}'. Turn it off, or set Relay:Push:ForceAllowLoopback to insist.");
            }
        }
    }

    private static bool IsLoopback(string hostAndPort)
    {
        var host = hostAndPort.Split('/', 2)[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
