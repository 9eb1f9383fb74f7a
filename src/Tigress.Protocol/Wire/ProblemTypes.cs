namespace Tigress.Protocol.Wire;

/// <summary>
/// The stable <c>type</c> URIs of the relay's RFC 9457 problem documents (docs/protocol.md section 7.12), one per kind of error. Clients branch on
/// these, never on the human-readable title or detail.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:tigress:problem:";

    /// <summary>400: the body is not JSON, a field is missing, of the wrong type or out of range.</summary>
    public const string InvalidRequest = Prefix + "invalid-request";

    /// <summary>400: a required header is missing or malformed (<c>Mailbox-Request-ID</c>, <c>Mailbox-Device-Claim</c>).</summary>
    public const string InvalidHeader = Prefix + "invalid-header";

    /// <summary>401: the device claim is missing, or belongs to neither side of the mailbox.</summary>
    public const string WrongClaim = Prefix + "wrong-claim";

    /// <summary>401: the recipient lacks the access right (R, W or D) the operation needs.</summary>
    public const string MissingRight = Prefix + "missing-right";

    /// <summary>401: the device attestation was rejected.</summary>
    public const string AttestationRejected = Prefix + "attestation-rejected";

    /// <summary>404: no such mailbox, or it was deleted, or it expired; deliberately indistinguishable.</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>405: the resource exists but not with this method.</summary>
    public const string MethodNotAllowed = Prefix + "method-not-allowed";

    /// <summary>409: the <c>Mailbox-Request-ID</c> was already used by this claim for a different request.</summary>
    public const string RequestIdReused = Prefix + "request-id-reused";

    /// <summary>403: a new claim read a mailbox protected by a relay-assisted PIN without <c>pinProof</c> (docs/protocol.md section 12.6).</summary>
    public const string PinRequired = Prefix + "pin-required";

    /// <summary>
    /// 403: the <c>pinProof</c> was wrong and spent a guess; the extension member <c>guessesLeft</c> says how many remain
    /// (docs/protocol.md section 12.6).
    /// </summary>
    public const string WrongPin = Prefix + "wrong-pin";

    /// <summary>403: the relay-assisted PIN's guesses are used up and the share is locked (docs/protocol.md section 12.6).</summary>
    public const string PinLocked = Prefix + "pin-locked";

    /// <summary>403: the dropbox location's cookie lock already admitted its two clients.</summary>
    public const string Locked = Prefix + "locked";

    /// <summary>409: the dropbox location was written before; locations are write-once.</summary>
    public const string AlreadyWritten = Prefix + "already-written";

    /// <summary>413: the request body or the decoded payload is larger than the relay accepts.</summary>
    public const string PayloadTooLarge = Prefix + "payload-too-large";

    /// <summary>429: the mailbox already has as many open event streams as the relay allows.</summary>
    public const string TooManyStreams = Prefix + "too-many-streams";

    /// <summary>429: too many requests from this client; retry after the <c>Retry-After</c> seconds.</summary>
    public const string RateLimited = Prefix + "rate-limited";

    /// <summary>500: a fault in the relay itself.</summary>
    public const string Internal = Prefix + "internal";

    /// <summary>503: the relay's store is unavailable; retry after the <c>Retry-After</c> seconds.</summary>
    public const string Unavailable = Prefix + "unavailable";

    /// <summary>507: the relay has no room for new content now (its store's cap or its disk); retry after the <c>Retry-After</c> seconds.</summary>
    public const string InsufficientStorage = Prefix + "insufficient-storage";
}
