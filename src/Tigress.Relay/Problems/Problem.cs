using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Relay.Problems;

/// <summary>An RFC 9457 problem the relay answers with; on the wire a <see cref="ProblemDetailsMessage"/>.</summary>
internal sealed record Problem(string Type, string Title, int Status, string? Detail)
{
    /// <summary>The extension member <c>guessesLeft</c> of <see cref="ProblemTypes.WrongPin"/>.</summary>
    public int? GuessesLeft { get; init; }

    /// <summary>The problem document as it goes on the wire.</summary>
    public ProblemDetailsMessage ToMessage() => new() { Type = Type, Title = Title, Status = Status, Detail = Detail, GuessesLeft = GuessesLeft };

    public static Problem InvalidRequest(string detail) => new(ProblemTypes.InvalidRequest, "Invalid request", 400, detail);

    public static Problem InvalidHeader(string detail) => new(ProblemTypes.InvalidHeader, "Invalid header", 400, detail);

    public static Problem WrongClaim(string detail) => new(ProblemTypes.WrongClaim, "Not authorized", 401, detail);

    public static Problem MissingRight(string detail) => new(ProblemTypes.MissingRight, "Missing access right", 401, detail);

    public static Problem AttestationRejected() =>
        new(ProblemTypes.AttestationRejected, "Device attestation rejected", 401, "The relay did not accept this device's attestation.");

    public static Problem NotFound() =>
        new(ProblemTypes.NotFound, "Not found", 404, "No such mailbox: it never existed, was deleted, or has expired.");

    public static Problem MethodNotAllowed() =>
        new(ProblemTypes.MethodNotAllowed, "Method not allowed", 405, "This resource does not support the request method.");

    public static Problem RequestIdReused() =>
        new(ProblemTypes.RequestIdReused, "Request id reused", 409, "This Mailbox-Request-ID was already used by this device for a different request; send a new UUID.");

    public static Problem PinRequired() =>
        new(ProblemTypes.PinRequired, "PIN required", 403, "This share is protected by a PIN: send pinProof with the read.");

    public static Problem WrongPin(int guessesLeft) =>
        new(ProblemTypes.WrongPin, "Wrong PIN", 403, guessesLeft == 0
            ? "The PIN proof was wrong, and it was the last guess: the share is now locked."
            : "The PIN proof was wrong; guessesLeft says how many guesses remain.")
        {
            GuessesLeft = guessesLeft,
        };

    public static Problem PinLocked() =>
        new(ProblemTypes.PinLocked, "PIN locked", 403, "Too many wrong PIN proofs: this share is locked.");

    public static Problem Locked() =>
        new(ProblemTypes.Locked, "Locked", 403, "This dropbox location is locked to the two devices of its transfer.");

    public static Problem AlreadyWritten() =>
        new(ProblemTypes.AlreadyWritten, "Already written", 409, "This dropbox location was already written; locations are write-once.");

    public static Problem PayloadTooLarge(string detail) => new(ProblemTypes.PayloadTooLarge, "Payload too large", 413, detail);

    public static Problem RateLimited() =>
        new(ProblemTypes.RateLimited, "Too many requests", 429, "Too many requests from this client; retry after the number of seconds in Retry-After.");

    public static Problem TooManyStreams(int limit) =>
        new(ProblemTypes.TooManyStreams, "Too many event streams", 429, $"This mailbox already has {limit} open event streams; close one before opening another.");

    public static Problem TooManyWaiting() =>
        new(ProblemTypes.Unavailable, "Service unavailable", 503, "The relay holds as many long polls and event streams as it allows; read without waiting, or retry after the number of seconds in Retry-After.");

    public static Problem Internal() =>
        new(ProblemTypes.Internal, "Internal error", 500, "The relay failed to handle this request. The failure was logged without any request content.");

    public static Problem Unavailable() =>
        new(ProblemTypes.Unavailable, "Service unavailable", 503, "The relay's store is unavailable; retry after the number of seconds in Retry-After.");

    public static Problem InsufficientStorage(string detail) =>
        new(ProblemTypes.InsufficientStorage, "Insufficient storage", 507, detail);

    /// <summary>A problem for a status the framework raised on its own (a malformed request line, an oversize body).</summary>
    public static Problem ForStatus(int status) => status switch
    {
        400 => InvalidRequest("The request is malformed."),
        403 => Locked(),
        404 => new(ProblemTypes.NotFound, "Not found", 404, "There is nothing at this address."),
        405 => MethodNotAllowed(),
        413 => PayloadTooLarge("The request body is larger than the relay accepts."),
        429 => RateLimited(),
        503 => Unavailable(),
        >= 500 => Internal(),
        _ => new Problem(ProblemTypes.InvalidRequest, "Request failed", status, null),
    };
}
