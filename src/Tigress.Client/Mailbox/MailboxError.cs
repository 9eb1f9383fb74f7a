namespace Tigress.Client.Mailbox;

/// <summary>Why a mailbox request failed, by the relay's status code or the transport.</summary>
public enum MailboxError
{
    /// <summary>400: the relay found the request malformed.</summary>
    BadRequest = 1,

    /// <summary>401 with the wrong-claim type: the claim belongs to neither side; on a first read, another
    /// device has already claimed the mailbox.</summary>
    WrongClaim = 2,

    /// <summary>401 for another reason: a missing access right, or a rejected device attestation.</summary>
    Unauthorized = 3,

    /// <summary>404: no such mailbox, or it was deleted, or it expired; the relay does not say which.</summary>
    NotFound = 4,

    /// <summary>409: the request id was already used for a different request.</summary>
    RequestIdReused = 5,

    /// <summary>413: the request or payload is larger than the relay accepts.</summary>
    PayloadTooLarge = 6,

    /// <summary>429: rate limited, still after the retries.</summary>
    RateLimited = 7,

    /// <summary>5xx: the relay failed, still after the retries.</summary>
    RelayFailure = 8,

    /// <summary>The relay could not be reached (connection refused, name not found, timeouts), still after the retries.</summary>
    RelayUnreachable = 9,

    /// <summary>The relay answered with a status or body this client does not understand.</summary>
    UnexpectedResponse = 10,

    /// <summary>403 wrong-pin: the relay-assisted PIN's proof was wrong and spent a guess; <see cref="MailboxException.GuessesLeft"/> says how many remain.</summary>
    WrongPin = 11,

    /// <summary>403 pin-locked: the relay-assisted PIN's guesses are used up and the share is locked.</summary>
    PinLocked = 12,

    /// <summary>403 pin-required: the mailbox is protected by a relay-assisted PIN and the read carried no proof.</summary>
    PinRequired = 13,
}
