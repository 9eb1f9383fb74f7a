using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Hosting;

/// <summary>
/// What the generated OpenAPI document cannot learn from handlers that take only an <see cref="HttpContext"/>: path
/// parameters, the headers each operation reads and answers with, the problem types, and the health endpoints.
/// </summary>
internal static partial class RelayOpenApi
{
    private const string ProblemSchema = "TigressProblem";

    /// <summary>
    /// The problem types the relay answers with (docs/protocol.md section 7.11), as the <c>type</c> member's values.
    /// </summary>
    public static readonly string[] ProblemTypeValues =
    [
        ProblemTypes.InvalidRequest, ProblemTypes.InvalidHeader, ProblemTypes.WrongClaim, ProblemTypes.MissingRight,
        ProblemTypes.AttestationRejected, ProblemTypes.PinRequired, ProblemTypes.WrongPin, ProblemTypes.PinLocked,
        ProblemTypes.NotFound, ProblemTypes.MethodNotAllowed, ProblemTypes.RequestIdReused,
        ProblemTypes.Locked, ProblemTypes.AlreadyWritten, ProblemTypes.PayloadTooLarge, ProblemTypes.TooManyStreams,
        ProblemTypes.RateLimited, ProblemTypes.Internal, ProblemTypes.Unavailable, ProblemTypes.InsufficientStorage,
    ];

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(TransformOperation);
        options.AddDocumentTransformer(TransformDocument);
    }

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;

        // GET and HEAD of the preview share one endpoint name; operation ids must be unique.
        if (string.Equals(description.HttpMethod, HttpMethods.Head, StringComparison.OrdinalIgnoreCase) && operation.OperationId is { } id)
        {
            operation.OperationId = id + "Head";
        }

        operation.Parameters ??= [];
        foreach (Match match in RouteParameter().Matches(description.RelativePath ?? string.Empty))
        {
            var name = match.Groups[1].Value;
            if (!operation.Parameters.Any(parameter => parameter.In == ParameterLocation.Path && parameter.Name == name))
            {
                operation.Parameters.Add(PathParameter(name));
            }
        }

        var metadata = description.ActionDescriptor.EndpointMetadata;
        var headers = metadata.OfType<RelayOperationHeaders>().FirstOrDefault();
        if (headers is not null)
        {
            AddRequestHeaders(operation, headers);
        }

        var rateLimited = metadata.OfType<EnableRateLimitingAttribute>().Any();
        operation.Responses ??= [];

        // A body declared by content type alone (no .NET type) gets no content from the generator: add it.
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            if ((produces.Type is null || produces.Type == typeof(void)) && operation.Responses.TryGetValue(produces.StatusCode.ToString(CultureInfo.InvariantCulture), out var declared)
                && declared is OpenApiResponse { Content: null or { Count: 0 } } bodyless && produces.ContentTypes.Any())
            {
                bodyless.Content = produces.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType());
            }
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse answer)
            {
                continue;
            }

            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (status is "429" or "503" or "507")
            {
                answer.Headers[MailboxHeaderNames.RetryAfter] = Header("Seconds to wait before trying again.", Schema(JsonSchemaType.Integer));
            }

            if (headers is { Mailbox: true })
            {
                if (status == "201")
                {
                    answer.Description = "A replay: the stored answer to the first request with this Mailbox-Request-ID and body.";
                }

                answer.Headers[MailboxHeaderNames.RequestId] = Header("The request's Mailbox-Request-ID, echoed.", Schema(JsonSchemaType.String, "uuid"));
                if (headers.ETag && status is "200" or "201" or "304")
                {
                    answer.Headers[MailboxHeaderNames.ETag] = Header("Names the message read; send it back in If-None-Match.", Schema(JsonSchemaType.String));
                }
            }

            if (answer.Content is not { } content)
            {
                continue;
            }

            if (content.ContainsKey("application/problem+json"))
            {
                content["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) };
            }

            if (content.TryGetValue("text/event-stream", out var events))
            {
                events.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Server-Sent Events: event (claimed, updated, relinquished, pin-failed, deleted, expired), id, and data lines.",
                };
            }

            if (content.TryGetValue("application/octet-stream", out var octets))
            {
                octets.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The encapsulated message, as written." };
            }

            if (content.TryGetValue("text/html", out var html))
            {
                html.Schema = Schema(JsonSchemaType.String);
            }
        }

        if (rateLimited && !operation.Responses.ContainsKey("429"))
        {
            throw new InvalidOperationException($"The rate-limited operation {operation.OperationId} does not document 429.");
        }

        return Task.CompletedTask;
    }

    private static void AddRequestHeaders(OpenApiOperation operation, RelayOperationHeaders headers)
    {
        if (headers.Mailbox)
        {
            operation.Parameters!.Add(HeaderParameter(
                MailboxHeaderNames.RequestId,
                "A new UUID per request. A retry with the same id and body gets the first answer again (201 for a create, read or write).",
                headers.RequestIdRequired,
                Schema(JsonSchemaType.String, "uuid")));
            operation.Parameters!.Add(HeaderParameter(
                MailboxHeaderNames.DeviceClaim,
                "The device's secret claim on the mailbox, a UUID; the first new claim that reads binds as the recipient.",
                required: true,
                Schema(JsonSchemaType.String, "uuid")));
            operation.Parameters!.Add(HeaderParameter(
                MailboxHeaderNames.DeviceAttestation,
                "Evidence about the device, checked by the relay's attestation verifier when one is configured.",
                required: false,
                Schema(JsonSchemaType.String)));
        }

        if (headers.Prefer)
        {
            operation.Parameters!.Add(HeaderParameter(
                MailboxHeaderNames.Prefer,
                "wait=N (RFC 7240): hold the request up to N seconds, capped by the relay's maxWaitSeconds, until there is something to read.",
                required: false,
                Schema(JsonSchemaType.String, pattern: "^\\s*wait\\s*=\\s*[0-9]+")));
        }

        if (headers.ETag)
        {
            operation.Parameters!.Add(HeaderParameter(
                MailboxHeaderNames.IfNoneMatch,
                "The ETag of the message last read: 304 while the other side has written nothing newer.",
                required: false,
                Schema(JsonSchemaType.String)));
        }

        if (headers.LastEventId)
        {
            operation.Parameters!.Add(HeaderParameter(
                MailboxHeaderNames.LastEventId,
                "Resume the stream after the event with this id.",
                required: false,
                Schema(JsonSchemaType.String, pattern: "^[0-9]+$")));
        }
    }

    private static Task TransformDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem; type names what went wrong.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. ProblemTypeValues.Select(value => (JsonNode)JsonValue.Create(value))] },
                ["title"] = Schema(JsonSchemaType.String),
                ["status"] = Schema(JsonSchemaType.Integer),
                ["detail"] = Schema(JsonSchemaType.String),
                ["guessesLeft"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = "0",
                    Description = "wrong-pin only: how many guesses at the relay-assisted PIN remain (an RFC 9457 extension member).",
                },
            },
        };

        document.Paths ??= [];
        document.Paths["/healthz"] = Health(
            "GetHealth",
            "Health: Healthy while the store can commit a write, else 503 Unhealthy.",
            unhealthy: true);
        document.Paths["/readyz"] = Health(
            "GetReadiness",
            "Readiness: Ready while the store can commit a write and has room for new content, else 503 and 'Not ready: ' with the reason.",
            unhealthy: true);
        document.Paths["/healthz/live"] = Health(
            "GetLiveness",
            "Liveness: Healthy while the process answers; says nothing about the store.",
            unhealthy: false);
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Health(string operationId, string summary, bool unhealthy)
    {
        var text = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = Schema(JsonSchemaType.String) } };
        var responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "Healthy", Content = text } };
        if (unhealthy)
        {
            responses["503"] = new OpenApiResponse { Description = "Unhealthy", Content = text };
        }

        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new() { OperationId = operationId, Summary = summary, Responses = responses },
            },
        };
    }

    private static OpenApiParameter PathParameter(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Path,
        Required = true,
        Description = name == "location"
            ? "The dropbox location: 32 bytes in unpadded base64url."
            : "The mailbox id.",
        Schema = name == "location"
            ? Schema(JsonSchemaType.String, pattern: "^[A-Za-z0-9_-]{" + DropboxLocation.Length.ToString(CultureInfo.InvariantCulture) + "}$")
            : Schema(JsonSchemaType.String, "uuid"),
    };

    private static OpenApiParameter HeaderParameter(string name, string description, bool required, OpenApiSchema schema) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = schema,
    };

    private static OpenApiHeader Header(string description, OpenApiSchema schema) => new() { Description = description, Schema = schema };

    private static OpenApiSchema Schema(JsonSchemaType type, string? format = null, string? pattern = null) =>
        new() { Type = type, Format = format, Pattern = pattern };

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}

/// <summary>Endpoint metadata: the relay headers an operation reads, for its OpenAPI description.</summary>
/// <param name="Mailbox">Reads Mailbox-Request-ID, Mailbox-Device-Claim and Mailbox-Device-Attestation, and echoes the request id.</param>
/// <param name="RequestIdRequired">Whether Mailbox-Request-ID is required (optional on the event stream).</param>
/// <param name="Prefer">Reads <c>Prefer: wait=N</c>.</param>
/// <param name="ETag">Reads If-None-Match and answers with ETag.</param>
/// <param name="LastEventId">Reads Last-Event-ID.</param>
internal sealed record RelayOperationHeaders(bool Mailbox, bool RequestIdRequired = true, bool Prefer = false, bool ETag = false, bool LastEventId = false);
