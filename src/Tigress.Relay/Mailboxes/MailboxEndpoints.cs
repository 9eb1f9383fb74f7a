using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tigress.Relay.Attestation;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Protocol.Wire.Messages;
using Tigress.Relay.Notifications;
using Tigress.Relay.Preview;
using Tigress.Relay.Web;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;

namespace Tigress.Relay.Mailboxes;

/// <summary>
/// The six mailbox endpoints of docs/protocol.md section 7, and the relay-assisted PIN's evaluation (section 12.6). Each
/// handler checks headers, then the body, then asks the store for one atomic step and maps its outcome to an answer;
/// nothing here decides who may do what.
/// </summary>
internal sealed partial class MailboxEndpoints(
    IMailboxStore store,
    IOptions<RelayOptions> options,
    [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time,
    RelayMetrics metrics,
    RelayUrls urls,
    IDeviceAttestationVerifier attestation,
    LongPoll longPoll,
    PushProviders pushProviders,
    MailboxNotifier notifier,
    StoreRoom room)
{
    private const string JsonContentType = "application/json";
    private static readonly byte[] s_emptyBody = [];

    private readonly RelayOptions _options = options.Value;
    private readonly MailboxInput _input = new(options.Value, pushProviders);

    /// <summary>CreateMailbox: <c>POST /v1/m</c>.</summary>
    public async Task CreateAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context, MailboxOperation.Create).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(context, _options.MaxRequestBodyBytes).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var request = body is null ? null : MailboxInput.Deserialize(body, WireJsonContext.Default.CreateMailboxRequestMessage, required: true, out problem);
        var display = request is null ? null : _input.Display(request.DisplayInformation, out problem);
        var payload = display is null ? null : _input.Payload(request!.Payload, out problem);
        var pushSupported = false;
        var token = payload is null ? null : _input.NotificationToken(request!.NotificationToken, out pushSupported, out problem);
        var rights = problem is null ? MailboxInput.Rights(request!.MailboxConfiguration?.AccessRights, out problem) : null;
        var expiration = problem is null ? _input.Expiration(request!.MailboxConfiguration?.Expiration, now, defaultToMaximum: true, out problem) : null;
        var pin = problem is null ? _input.PinProtection(request!.PinProtection, out problem) : null;
        if (problem is not null)
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        if (room.Check() is not StoreShortage.None and var shortage)
        {
            await room.RefuseAsync(context, shortage).ConfigureAwait(false);
            return;
        }

        var id = MailboxIds.NewId();
        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new CreateMailboxResponseMessage { UrlLink = urls.MailboxLink(id), IsPushNotificationSupported = pushSupported },
            WireJsonContext.Default.CreateMailboxResponseMessage);
        var mailbox = new NewMailbox(id, caller.Claim, rights ?? MailboxAccessRights.Read | MailboxAccessRights.Delete, expiration!.Value, display!, payload!, token)
        {
            // The maximum TTL bounds the mailbox's whole life, counted from now: no update extends it further.
            LatestExpiresAt = _input.Expiration(null, now, defaultToMaximum: true, out _),
            PayloadByteBudget = _options.MaxPayloadBytesPerMailbox,
            PinProtection = pin,
        };
        var result = await store.CreateAsync(mailbox, caller.Record(MailboxOperation.Create, answer, body), context.RequestAborted).ConfigureAwait(false);
        if (result.Status == MailboxStatus.Ok)
        {
            metrics.Created();
            await WriteJsonAsync(context, StatusCodes.Status200OK, answer).ConfigureAwait(false);
            return;
        }

        await WriteFailureAsync(context, result.Status, result.Replay, MailboxOperation.Create).ConfigureAwait(false);
    }

    /// <summary>ReadSecureContentFromMailbox: <c>POST /v1/m/{id}</c>, with long poll (P2) and ETags (P1).</summary>
    public async Task ReadAsync(HttpContext context, Guid mailboxId)
    {
        if (await AuthenticateAsync(context, MailboxOperation.Read).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(context, _options.MaxRequestBodyBytes).ConfigureAwait(false);
        var request = body is null ? null : MailboxInput.Deserialize(body, WireJsonContext.Default.ReadMailboxRequestMessage, required: false, out problem);
        var token = problem is null ? _input.NotificationToken(request?.NotificationToken, out _, out problem) : null;
        var proof = problem is null ? MailboxInput.PinProof(request?.PinProof, out problem) : null;
        if (problem is not null)
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        try
        {
            await ReadAsync(context, mailboxId, caller, body, token, proof).ConfigureAwait(false);
        }
        finally
        {
            if (proof is not null)
            {
                CryptographicOperations.ZeroMemory(proof);
            }
        }
    }

    private async Task ReadAsync(HttpContext context, Guid mailboxId, Caller caller, byte[]? body, byte[]? token, byte[]? proof)
    {
        var wait = PreferWait.Parse(context.Request.Headers[MailboxHeaderNames.Prefer], _options.MaxWait);
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        var started = time.GetTimestamp();
        var fingerprint = RequestRecord.FingerprintOf(body);
        while (true)
        {
            // Watch before reading, so a write between the read and the wait still wakes us.
            using var watch = wait > TimeSpan.Zero ? store.Watch(mailboxId) : null;
            var read = new MailboxRead(mailboxId, caller.Claim, time.GetUtcNow(), caller.RequestId, token) { Fingerprint = fingerprint, PinProof = proof };
            var result = await store.ReadAsync(read, context.RequestAborted).ConfigureAwait(false);
            token = null;
            if (result.Status != MailboxStatus.Ok)
            {
                // A guess spent now wakes the initiator, as a claim does; a repeat answered from its record spent nothing.
                if (result is { Status: MailboxStatus.WrongPin, Replayed: false })
                {
                    metrics.PinGuessFailed(locked: result.GuessesLeft == 0);
                    notifier.PinFailed(mailboxId, result.InitiatorToken, result.ExpiresAt);
                }

                await WriteFailureAsync(context, result.Status, replay: null, MailboxOperation.Read, result.GuessesLeft).ConfigureAwait(false);
                return;
            }

            if (result.NewlyBound)
            {
                metrics.Claimed();
                notifier.Claimed(mailboxId, result.InitiatorToken, result.ExpiresAt);
            }

            var etag = result.OtherPayload is null ? null : $"\"{result.OtherSequence}\"";
            if (etag is not null && !ETagMatches(ifNoneMatch, etag))
            {
                // Nothing of the answer is stored: a replay of the read that bound the claim is answered from the
                // mailbox as it is now, marked 201 (docs/protocol.md section 7); any other read is simply read again.
                context.Response.Headers.ETag = etag;
                await WriteJsonAsync(context, result.Replayed ? StatusCodes.Status201Created : StatusCodes.Status200OK, ReadAnswer(result)).ConfigureAwait(false);
                return;
            }

            var remaining = wait - time.GetElapsedTime(started);
            if (watch is null || remaining <= TimeSpan.Zero)
            {
                if (etag is not null)
                {
                    context.Response.Headers.ETag = etag;
                }

                context.Response.StatusCode = etag is null ? StatusCodes.Status204NoContent : StatusCodes.Status304NotModified;
                return;
            }

            if (!await longPoll.WaitAsync(watch.Changed, remaining, context.RequestAborted).ConfigureAwait(false))
            {
                wait = TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// The relay-assisted PIN's evaluation: <c>POST /v1/m/{id}/pin</c> answers the mailbox's OPRF key times the blinded
    /// element (docs/protocol.md section 12.6). Changes nothing and records nothing; the key is cleared after use.
    /// </summary>
    public async Task EvaluatePinAsync(HttpContext context, Guid mailboxId)
    {
        if (await AuthenticateAsync(context, MailboxOperation.Read).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(context, _options.MaxRequestBodyBytes).ConfigureAwait(false);
        var request = body is null ? null : MailboxInput.Deserialize(body, WireJsonContext.Default.EvaluatePinRequestMessage, required: true, out problem);
        var blinded = problem is null ? MailboxInput.BlindedElement(request, out problem) : null;
        if (problem is not null)
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        var found = await store.ReadPinKeyAsync(mailboxId, caller.Claim, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        if (found.Status != MailboxStatus.Ok)
        {
            await WriteFailureAsync(context, found.Status, replay: null, MailboxOperation.Read).ConfigureAwait(false);
            return;
        }

        // Whether the bytes are a point is learnt in the evaluation itself, once the mailbox and its key are found.
        var evaluated = new byte[P256Oprf.ElementLength];
        bool isPoint;
        try
        {
            isPoint = P256Oprf.TryBlindEvaluate(found.OprfKey, blinded, evaluated);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(found.OprfKey);
        }

        if (!isPoint)
        {
            await ProblemWriter.WriteAsync(context, MailboxInput.BadBlindedElement()).ConfigureAwait(false);
            return;
        }

        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new EvaluatePinResponseMessage { EvaluatedElement = System.Buffers.Text.Base64Url.EncodeToString(evaluated), GuessesLeft = found.GuessesLeft },
            WireJsonContext.Default.EvaluatePinResponseMessage);
        await WriteJsonAsync(context, StatusCodes.Status200OK, answer).ConfigureAwait(false);
    }

    /// <summary>UpdateMailbox: <c>PUT /v1/m/{id}</c>.</summary>
    public async Task UpdateAsync(HttpContext context, Guid mailboxId)
    {
        if (await AuthenticateAsync(context, MailboxOperation.Update).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(context, _options.MaxRequestBodyBytes).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var request = body is null ? null : MailboxInput.Deserialize(body, WireJsonContext.Default.UpdateMailboxRequestMessage, required: true, out problem);
        StoredPayload? payload = null;
        byte[]? display = null;
        byte[]? token = null;
        var pushSupported = false;
        MailboxAccessRights? rights = null;
        DateTimeOffset? expiration = null;
        if (request is not null)
        {
            if (request.Payload is null && request.DisplayInformation is null && request.NotificationToken is null && request.MailboxConfiguration is null)
            {
                problem = Problem.InvalidRequest("Nothing to update: give payload, displayInformation, notificationToken or mailboxConfiguration.");
            }

            if (problem is null && request.Payload is not null)
            {
                payload = _input.Payload(request.Payload, out problem);
            }

            if (problem is null && request.DisplayInformation is not null)
            {
                display = _input.Display(request.DisplayInformation, out problem);
            }

            if (problem is null)
            {
                token = _input.NotificationToken(request.NotificationToken, out pushSupported, out problem);
            }

            if (problem is null)
            {
                rights = MailboxInput.Rights(request.MailboxConfiguration?.AccessRights, out problem);
            }

            if (problem is null)
            {
                expiration = _input.Expiration(request.MailboxConfiguration?.Expiration, now, defaultToMaximum: false, out problem);
            }
        }

        if (problem is not null)
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        // A message is new content; settings and a token rewrite what is there.
        if (payload is not null && room.Check() is not StoreShortage.None and var shortage)
        {
            await room.RefuseAsync(context, shortage).ConfigureAwait(false);
            return;
        }

        // Reports on the token in this request, as the drafts define it; an update without one answers false
        // and leaves an earlier token in place.
        var answer = JsonSerializer.SerializeToUtf8Bytes(new UpdateMailboxResponseMessage { IsPushNotificationSupported = pushSupported }, WireJsonContext.Default.UpdateMailboxResponseMessage);
        var update = new MailboxUpdate
        {
            MailboxId = mailboxId,
            Claim = caller.Claim,
            Now = now,
            Payload = payload,
            DisplayInformation = display,
            RecipientRights = rights,
            ExpiresAt = expiration,
            NotificationToken = token,
        };
        var result = await store.UpdateAsync(update, caller.Record(MailboxOperation.Update, answer, body), context.RequestAborted).ConfigureAwait(false);
        if (result.Status == MailboxStatus.Ok)
        {
            // Registering a token alone gives the other side nothing to read.
            if (payload is not null || display is not null || rights is not null || expiration is not null)
            {
                notifier.Updated(mailboxId, result.Role, result);
            }

            await WriteJsonAsync(context, StatusCodes.Status200OK, answer).ConfigureAwait(false);
            return;
        }

        await WriteFailureAsync(context, result.Status, result.Replay, MailboxOperation.Update).ConfigureAwait(false);
    }

    /// <summary>DeleteMailbox: <c>DELETE /v1/m/{id}</c>.</summary>
    public async Task DeleteAsync(HttpContext context, Guid mailboxId)
    {
        if (await AuthenticateAsync(context, MailboxOperation.Delete).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var result = await store.DeleteAsync(mailboxId, caller.Claim, time.GetUtcNow(), caller.Record(MailboxOperation.Delete, s_emptyBody, s_emptyBody), context.RequestAborted).ConfigureAwait(false);
        if (result.Status == MailboxStatus.Ok)
        {
            metrics.Ended(result.Role == MailboxRole.Initiator ? MailboxOutcome.DeletedByInitiator : MailboxOutcome.DeletedByRecipient);
            notifier.Deleted(mailboxId, result);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        await WriteFailureAsync(context, result.Status, result.Replay, MailboxOperation.Delete).ConfigureAwait(false);
    }

    /// <summary>RelinquishMailbox: <c>PATCH /v1/m/{id}</c>.</summary>
    public async Task RelinquishAsync(HttpContext context, Guid mailboxId)
    {
        if (await AuthenticateAsync(context, MailboxOperation.Relinquish).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        var result = await store.RelinquishAsync(mailboxId, caller.Claim, time.GetUtcNow(), caller.Record(MailboxOperation.Relinquish, s_emptyBody, s_emptyBody), context.RequestAborted).ConfigureAwait(false);
        if (result.Status == MailboxStatus.Ok)
        {
            metrics.Relinquished();
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        await WriteFailureAsync(context, result.Status, result.Replay, MailboxOperation.Relinquish).ConfigureAwait(false);
    }

    /// <summary>ReadDisplayInformationFromMailbox: <c>GET /v1/m/{id}</c>, the public preview page.</summary>
    public async Task PreviewAsync(HttpContext context, Guid mailboxId)
    {
        MailboxHeaders.Echo(context);
        var preview = await store.GetPreviewAsync(mailboxId, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        if (preview is null)
        {
            if (WebEndpoints.AcceptsHtml(context.Request))
            {
                // A person following a spent link gets a page that says so; programs still get the problem document.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                var goneText = PageText.For(context.Request);
                PageHeaders.Apply(context.Response);
                goneText.Apply(context.Response);
                await context.Response.WriteAsync(GonePage.Render(goneText), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await ProblemWriter.WriteAsync(context, Problem.NotFound()).ConfigureAwait(false);
            return;
        }

        var display = JsonSerializer.Deserialize(preview.DisplayInformation, WireJsonContext.Default.DisplayInformationMessage)!;
        var text = PageText.For(context.Request);
        PageHeaders.Apply(context.Response);
        text.Apply(context.Response);
        await context.Response.WriteAsync(PreviewPage.Render(display, urls.MailboxLink(mailboxId), preview.ExpiresAt, urls.PublicBase + WebEndpoints.PreviewImagePath, text, _options.BrowserPages), context.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask<Caller?> AuthenticateAsync(HttpContext context, MailboxOperation operation)
    {
        MailboxHeaders.Echo(context);
        var request = context.Request;
        if (!MailboxHeaders.TryGetRequestId(request, out var requestId, out var problem)
            || !MailboxHeaders.TryGetClaim(request, out var claim, out problem))
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return null;
        }

        string? evidence = request.Headers[MailboxHeaderNames.DeviceAttestation];
        if (!await attestation.VerifyAsync(evidence, operation, context.RequestAborted).ConfigureAwait(false))
        {
            await ProblemWriter.WriteAsync(context, Problem.AttestationRejected()).ConfigureAwait(false);
            return null;
        }

        return new Caller(requestId, ClaimHash.Of(claim));
    }

    private static Task WriteFailureAsync(HttpContext context, MailboxStatus status, StoredResponse? replay, MailboxOperation operation, int guessesLeft = 0)
    {
        if (status == MailboxStatus.Replayed)
        {
            return WriteJsonAsync(context, StatusCodes.Status201Created, replay!.Body);
        }

        var problem = status switch
        {
            MailboxStatus.RequestIdConflict => Problem.RequestIdReused(),
            MailboxStatus.PayloadBudgetExhausted => Problem.PayloadTooLarge(
                "This mailbox has taken all the message bytes a mailbox may take over its life (Relay:MaxPayloadBytesPerMailbox); start a new share."),
            MailboxStatus.NotFound => Problem.NotFound(),
            MailboxStatus.WrongClaim when operation == MailboxOperation.Read =>
                Problem.WrongClaim("This mailbox has already been claimed by another device."),
            MailboxStatus.WrongClaim when operation == MailboxOperation.Relinquish =>
                Problem.WrongClaim("Only the device that claimed this mailbox can relinquish it."),
            MailboxStatus.WrongClaim => Problem.WrongClaim("This device claim does not belong to the mailbox."),
            MailboxStatus.MissingRight => Problem.MissingRight(MissingRightDetail(operation)),
            MailboxStatus.PinRequired => Problem.PinRequired(),
            MailboxStatus.WrongPin => Problem.WrongPin(guessesLeft),
            MailboxStatus.PinLocked => Problem.PinLocked(),
            MailboxStatus.NotPinProtected => Problem.InvalidRequest("This mailbox has no relay-assisted PIN: there is nothing to evaluate."),
            _ => throw new UnreachableException($"Store status {status} has no answer."),
        };
        return ProblemWriter.WriteAsync(context, problem);
    }

    private static string MissingRightDetail(MailboxOperation operation) => operation switch
    {
        MailboxOperation.Read => "The initiator did not give the recipient the right to read (R).",
        MailboxOperation.Delete => "The initiator did not give the recipient the right to delete (D).",
        _ => "The recipient may only write messages, and only with the right W; display information and configuration belong to the initiator.",
    };

    private static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        if (body.Length > 0)
        {
            response.ContentType = JsonContentType;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static byte[] ReadAnswer(MailboxReadResult result) => JsonSerializer.SerializeToUtf8Bytes(
        new ReadMailboxResponseMessage
        {
            DisplayInformation = JsonSerializer.Deserialize(result.DisplayInformation, WireJsonContext.Default.DisplayInformationMessage),
            Payload = new PayloadMessage { Type = PayloadAlgorithms.GetName(result.OtherPayload!.Algorithm), Data = Convert.ToBase64String(result.OtherPayload.Data) },
            Expiration = MailboxInput.FormatExpiration(result.ExpiresAt),
        },
        WireJsonContext.Default.ReadMailboxResponseMessage);

    private static bool ETagMatches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Weak comparison (RFC 9110 13.1.2): W/ prefixes do not matter for If-None-Match.
                var opaque = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (opaque == "*" || opaque == etag)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private readonly record struct Caller(Guid RequestId, ClaimHash Claim)
    {
        public RequestRecord Record(MailboxOperation operation, byte[] answer, byte[]? requestBody) =>
            new(Claim, RequestId, operation, answer) { Fingerprint = RequestRecord.FingerprintOf(requestBody) };
    }
}
