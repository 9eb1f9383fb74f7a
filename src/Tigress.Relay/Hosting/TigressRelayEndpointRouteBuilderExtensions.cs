using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tigress.Relay.AppLinks;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Dropbox;
using Tigress.Relay.Events;
using Tigress.Relay.Hosting;
using Tigress.Relay.Mailboxes;
using Tigress.Relay.Notifications;
using Tigress.Relay.RateLimiting;
using Tigress.Relay.Storage;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire.Messages;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Tigress relay's endpoints.</summary>
public static class TigressRelayEndpointRouteBuilderExtensions
{
    private const string RateLimiterAddedKey = "Tigress.Relay.RateLimiterAdded";

    /// <summary>
    /// Maps the mailbox API under <c>/v1/m</c>, the capability document at <c>/v1</c>, the HTTP dropbox at
    /// <c>/d/{location}</c>, health at <c>/healthz</c> (the store can commit a write), readiness at <c>/readyz</c> (it
    /// also has room for new content), liveness at
    /// <c>/healthz/live</c> (the process answers) and the configured app-link files under <c>/.well-known/</c>.
    /// Requires <c>AddTigressRelay</c>.
    /// </summary>
    /// <remarks>
    /// Called on a <see cref="WebApplication"/>, it also adds the rate-limiting middleware at that point of the
    /// pipeline: do not call <c>UseRateLimiter()</c> for the relay as well. Elsewhere, call <c>UseRateLimiter()</c>
    /// after <c>UseRouting()</c>; without it, every relay request is refused with <c>500</c> and a critical log line.
    /// </remarks>
    public static IEndpointConventionBuilder MapTigressRelay(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<TigressRelayMarker>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Call 'services.AddTigressRelay().AddSqliteStorage()' before 'MapTigressRelay()'.");
        }

        // The endpoints' rate-limit policies need the middleware after routing. On a WebApplication (which routes
        // first) it is added here, once; any other host must add it, or every relay request is refused with 500.
        if (endpoints is IApplicationBuilder app && !app.Properties.ContainsKey(RateLimiterAddedKey))
        {
            app.Properties[RateLimiterAddedKey] = true;
            app.UseRateLimiter();
        }

        var handlers = endpoints.ServiceProvider.GetRequiredService<MailboxEndpoints>();
        var telemetry = endpoints.ServiceProvider.GetRequiredService<RequestTelemetry>();
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<RelayOptions>>().Value;
        var group = endpoints.MapGroup("/v1");

        var push = endpoints.ServiceProvider.GetRequiredService<PushProviders>();
        group.MapGet("/", () => TypedResults.Json(Capabilities(options, push, endpoints.ServiceProvider), WireJsonContext.Default.CapabilitiesDocument))
            .WithName("GetCapabilities")
            .WithSummary("What this relay offers: limits, payload types, notification token types, bindings.")
            .Produces<CapabilitiesDocument>();

        // Each handler goes in as a Delegate: its RouteHandlerBuilder carries the OpenAPI metadata below, and the
        // Request Delegate Generator compiles the lambda ahead of time (no reflection, as Native AOT needs).
        var create = telemetry.Timed("create", handlers.CreateAsync);
        group.MapPost("/m", (Delegate)((HttpContext context) => create(context)))
            .WithName("CreateMailbox")
            .WithSummary("Create a mailbox holding the initiator's first message.")
            .AddOpenApiOperationTransformer(JsonBody<CreateMailboxRequestMessage>)
            .Produces<CreateMailboxResponseMessage>(StatusCodes.Status200OK)
            .Produces<CreateMailboxResponseMessage>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true))
            .RequireRateLimiting(RelayRateLimiting.CreatePolicy);

        var read = telemetry.Timed("read", context => handlers.ReadAsync(context, RouteId(context)));
        group.MapPost("/m/{id:mailboxid}", (Delegate)((HttpContext context) => read(context)))
            .WithName("ReadSecureContentFromMailbox")
            .WithSummary("Read the other side's latest message; the first new claim binds as the recipient.")
            .AddOpenApiOperationTransformer(JsonBody<ReadMailboxRequestMessage>)
            .Produces<ReadMailboxResponseMessage>(StatusCodes.Status200OK)
            .Produces<ReadMailboxResponseMessage>(StatusCodes.Status201Created)
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true, Prefer: true, ETag: true))
            .WithMetadata(WaitingRequest.LongPoll)
            .RequireRateLimiting(RelayRateLimiting.ClaimPolicy);

        var evaluate = telemetry.Timed("pin", context => handlers.EvaluatePinAsync(context, RouteId(context)));
        group.MapPost("/m/{id:mailboxid}/pin", (Delegate)((HttpContext context) => evaluate(context)))
            .WithName("EvaluatePin")
            .WithSummary("The relay-assisted PIN's evaluation: the mailbox's OPRF key times a blinded PIN, and the guesses left. Changes nothing.")
            .AddOpenApiOperationTransformer(JsonBody<EvaluatePinRequestMessage>)
            .Produces<EvaluatePinResponseMessage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true))
            .RequireRateLimiting(RelayRateLimiting.ClaimPolicy);

        var update = telemetry.Timed("update", context => handlers.UpdateAsync(context, RouteId(context)));
        group.MapPut("/m/{id:mailboxid}", (Delegate)((HttpContext context) => update(context)))
            .WithName("UpdateMailbox")
            .WithSummary("Write a message for the other side, or change the mailbox's settings.")
            .AddOpenApiOperationTransformer(JsonBody<UpdateMailboxRequestMessage>)
            .Produces<UpdateMailboxResponseMessage>(StatusCodes.Status200OK)
            .Produces<UpdateMailboxResponseMessage>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true))
            .RequireRateLimiting(RelayRateLimiting.WritePolicy);

        var delete = telemetry.Timed("delete", context => handlers.DeleteAsync(context, RouteId(context)));
        group.MapDelete("/m/{id:mailboxid}", (Delegate)((HttpContext context) => delete(context)))
            .WithName("DeleteMailbox")
            .WithSummary("Delete the mailbox and everything in it.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true))
            .RequireRateLimiting(RelayRateLimiting.WritePolicy);

        var relinquish = telemetry.Timed("relinquish", context => handlers.RelinquishAsync(context, RouteId(context)));
        group.MapPatch("/m/{id:mailboxid}", (Delegate)((HttpContext context) => relinquish(context)))
            .WithName("RelinquishMailbox")
            .WithSummary("Give up the recipient's claim, so another device may claim the mailbox.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true))
            .RequireRateLimiting(RelayRateLimiting.WritePolicy);

        var events = endpoints.ServiceProvider.GetRequiredService<EventStreamEndpoint>();
        var stream = telemetry.Timed("events", context => events.StreamAsync(context, RouteId(context)));
        group.MapGet("/m/{id:mailboxid}/events", (Delegate)((HttpContext context) => stream(context)))
            .WithName("StreamMailboxEvents")
            .WithSummary("Server-Sent Events for a bound claim: claimed, updated, relinquished, pin-failed, deleted, expired; resumes after Last-Event-ID.")
            .Produces(StatusCodes.Status200OK, contentType: EventStreamEndpoint.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RelayOperationHeaders(Mailbox: true, RequestIdRequired: false, LastEventId: true))
            .WithMetadata(WaitingRequest.EventStream)
            .RequireRateLimiting(RelayRateLimiting.ClaimPolicy);

        // HEAD too: link-preview fetchers often probe with it first.
        var preview = telemetry.Timed("preview", context => handlers.PreviewAsync(context, RouteId(context)));
        group.MapMethods("/m/{id:mailboxid}", [HttpMethods.Get, HttpMethods.Head], (Delegate)((HttpContext context) => preview(context)))
            .WithName("ReadDisplayInformationFromMailbox")
            .WithSummary("The public preview page with OpenGraph tags.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        if (options.Dropbox)
        {
            var dropbox = endpoints.ServiceProvider.GetRequiredService<DropboxEndpoints>();
            var locations = endpoints.MapGroup("/d");
            var dropboxPut = telemetry.Timed("dropbox-put", context => dropbox.PutAsync(context, Location(context)));
            locations.MapPut("/{location}", (Delegate)((HttpContext context) => dropboxPut(context)))
                .WithName("PutDropboxMessage")
                .WithSummary("Write the encapsulated message at a location, once.")
                .AddOpenApiOperationTransformer(OctetStreamBody)
                .Produces(StatusCodes.Status201Created)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status429TooManyRequests)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
                .ProducesProblem(StatusCodes.Status507InsufficientStorage)
                .RequireRateLimiting(RelayRateLimiting.CreatePolicy);
            var dropboxGet = telemetry.Timed("dropbox-get", context => dropbox.GetAsync(context, Location(context)));
            locations.MapGet("/{location}", (Delegate)((HttpContext context) => dropboxGet(context)))
                .WithName("GetDropboxMessage")
                .WithSummary("Read the message at a location; Prefer: wait=N holds until it is written.")
                .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status429TooManyRequests)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
                .WithMetadata(new RelayOperationHeaders(Mailbox: false, Prefer: true))
                .WithMetadata(WaitingRequest.LongPoll)
                .RequireRateLimiting(RelayRateLimiting.ClaimPolicy);
            var dropboxDelete = telemetry.Timed("dropbox-delete", context => dropbox.DeleteAsync(context, Location(context)));
            locations.MapDelete("/{location}", (Delegate)((HttpContext context) => dropboxDelete(context)))
                .WithName("DeleteDropboxMessage")
                .WithSummary("Delete the message at a location after reading it; the location is never writable again.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status429TooManyRequests)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
                .RequireRateLimiting(RelayRateLimiting.WritePolicy);
        }

        // /healthz runs the store's small write probe, /readyz also measures room for new content; liveness runs no
        // check at all, so a full disk or an absent Redis takes the relay out of a load balancer without making a
        // supervisor restart a process that is fine. Each probe measures anew, so each recovers by itself.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(StoreHealthCheck.Name) });
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteReadinessAsync,
        });
        endpoints.MapAppLinks(options.AppLinks);

        if (options.CorsOrigins.Count > 0)
        {
            group.RequireCors(Tigress.Relay.Web.CrossOrigin.PolicyName);
        }

        if (options.BrowserPages)
        {
            Tigress.Relay.Web.WebEndpoints.Map(endpoints);
        }

        // Link previews show it whether or not the pages are served.
        Tigress.Relay.Web.WebEndpoints.MapPreviewImage(endpoints);

        return group;
    }

    // "Ready", or "Not ready: " and why, in one plain line (never an exception's text).
    private static Task WriteReadinessAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var reasons = report.Entries.Values
            .Where(entry => entry.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(entry => entry.Exception is null ? entry.Description : "the readiness check failed.");
        return context.Response.WriteAsync(report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            ? "Ready"
            : "Not ready: " + string.Join(" ", reasons));
    }

    // Documents the JSON body without Accepts metadata, which would make routing refuse other content types with
    // 415: the relay reads JSON whatever Content-Type a client sends, so curl -d works.
    private static async Task JsonBody<T>(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = typeof(T) != typeof(ReadMailboxRequestMessage),
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    // The dropbox takes the encapsulated message as it is, whatever Content-Type the client sends.
    private static Task OctetStreamBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        return Task.CompletedTask;
    }

    private static string Location(HttpContext context) => (string)context.Request.RouteValues["location"]!;

    private static Guid RouteId(HttpContext context) => Guid.Parse((string)context.Request.RouteValues["id"]!);

    private static CapabilitiesDocument Capabilities(RelayOptions options, PushProviders push, IServiceProvider services) => new()
    {
        ApiVersion = "1",
        MaxTtlSeconds = (long)options.MaxTtl.TotalSeconds,
        MaxPayloadBytes = options.MaxPayloadBytes,
        MaxRequestBodyBytes = options.MaxRequestBodyBytes,
        MaxDisplayLength = options.MaxDisplayLength,
        MaxWaitSeconds = (int)options.MaxWait.TotalSeconds,
        PayloadTypes = [PayloadAlgorithms.Aes128GcmName, PayloadAlgorithms.Aes256GcmName],
        NotificationTokenTypes = push.TokenTypes,

        // Browsers need the key to subscribe (pushManager.subscribe's applicationServerKey).
        VapidPublicKey = push.Find(WebPushProvider.Type) is null ? null : services.GetRequiredService<VapidKeys>().PublicKey,
        ServerSentEvents = true,
        AccessRights = "RWD",
        Mailbox = true,
        Dropbox = options.Dropbox,

        // PIN shares run end to end over an ordinary mailbox; the relay needs nothing more to carry them.
        PinShares = true,
        RelayAssistedPin = true,
        MaxPinGuesses = options.MaxPinGuesses,
    };
}
