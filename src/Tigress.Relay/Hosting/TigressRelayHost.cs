using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Mailboxes;
using Tigress.Relay.Notifications;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage;

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

    /// <summary>Builds the relay application; start it with <c>RunAsync</c> or <c>StartAsync</c>.</summary>
    /// <param name="settings">Configuration keys, e.g. <c>Urls</c>, <c>Relay:DataDirectory</c>, <c>Relay:PublicUrl</c>.</param>
    /// <param name="configureServices">Replaces or adds services after the relay's own (tests use it to swap the clock).</param>
    /// <param name="configureStorage">
    /// Chooses the store, for example <c>builder => builder.AddRedisStorage(configuration)</c>; when
    /// <see langword="null"/>, the embedded SQLite store (<c>AddSqliteStorage</c>).
    /// </param>
    /// <exception cref="RelayConfigurationException">The settings cannot work; the message says why.</exception>
    public static WebApplication Build(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        Action<ITigressRelayBuilder>? configureStorage = null)
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
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

        var relay = builder.Configuration.GetSection(RelayOptions.SectionName);
        var urls = builder.Configuration["Urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
        CheckUrls(urls, relay.GetValue<bool>(nameof(RelayOptions.AllowHttp)), relay[nameof(RelayOptions.CertificatePath)]);
        CheckPushLoopback(urls, relay.GetSection(nameof(RelayOptions.Push)));
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            LimitConnections(kestrel);
            if (relay[nameof(RelayOptions.CertificatePath)] is { Length: > 0 } certificatePath)
            {
                var certificate = LoadCertificate(certificatePath, relay[nameof(RelayOptions.CertificatePassword)]);
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });

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

        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, context, _) =>
        {
            // The configured public URL, never the request's Host header, which any client can set.
            document.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<RelayUrls>().PublicBase }];
            return Task.CompletedTask;
        }));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
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
        app.UseRateLimiter();
        app.UseCors();
        app.MapTigressRelay();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
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

        kestrel.Limits.MaxConcurrentConnections = budget.MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = budget.MaxConnections;
        var limiter = new ClientConnectionLimiter(budget, logger, services.GetRequiredKeyedService<TimeProvider>(RelayOptions.ClockServiceKey));
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(limiter.Use).Use(HttpVersionGuard.Use));
    }

    // Every answer carries the request's Mailbox-Request-ID back, errors included.
    private static Task EchoRequestId(HttpContext context, RequestDelegate next)
    {
        if (MailboxHeaders.EchoableRequestId(context.Request) is { } requestId)
        {
            context.Response.Headers[MailboxHeaders.RequestId] = requestId;
        }

        return next(context);
    }

    private static void CheckUrls(string urls, bool allowHttp, string? certificatePath)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var hostStart = url.IndexOf("://", StringComparison.Ordinal);
            if (hostStart < 0)
            {
                throw new RelayConfigurationException($"--urls: '{url}' is not a URL like http://127.0.0.1:8080.");
            }

            var scheme = url[..hostStart].ToLowerInvariant();
            if (scheme == "https" && string.IsNullOrEmpty(certificatePath))
            {
                throw new RelayConfigurationException($"--urls: '{url}' is HTTPS but no certificate was given; add --cert FILE (and --cert-password if it has one).");
            }

            if (scheme == "http" && !allowHttp && !IsLoopback(url[(hostStart + 3)..]))
            {
                throw new RelayConfigurationException(
                    $"--urls: '{url}' would serve plain HTTP beyond this machine. Use https with --cert, or --allow-http behind a TLS-terminating proxy.");
            }

            if (scheme is not ("http" or "https"))
            {
                throw new RelayConfigurationException($"--urls: '{url}' must start with http:// or https://.");
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
                    $"--push-allow-loopback is for tests: it lets push messages reach this machine's own services, and the relay would listen beyond loopback at '{url}'. Drop the flag, or set Relay:Push:ForceAllowLoopback to insist.");
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

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            return extension is ".pem" or ".crt"
                ? X509Certificate2.CreateFromPemFile(path)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new RelayConfigurationException($"--cert: the certificate at '{path}' could not be loaded ({e.GetType().Name}); check the file and --cert-password.", e);
        }
    }
}
