namespace Tigress.Relay.Redis;

/// <summary>The first element of every mailbox script's reply.</summary>
internal enum ScriptStatus
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>No live mailbox.</summary>
    NotFound = 1,

    /// <summary>The claim belongs to neither side.</summary>
    WrongClaim = 2,

    /// <summary>The recipient lacks the right.</summary>
    MissingRight = 3,

    /// <summary>A repeated request id; the record follows.</summary>
    Replayed = 4,

    /// <summary>A create found the id already in use.</summary>
    IdTaken = 5,

    /// <summary>No record of that request.</summary>
    NoRecord = 6,

    /// <summary>A repeated request id with another operation or body.</summary>
    RequestIdConflict = 7,

    /// <summary>The message would take the mailbox past its payload budget.</summary>
    PayloadBudgetExhausted = 8,

    /// <summary>A wrong PIN proof; the guesses left follow.</summary>
    WrongPin = 9,

    /// <summary>A claim that is not bound read a PIN mailbox without a proof.</summary>
    PinRequired = 10,

    /// <summary>The PIN's guesses are used up.</summary>
    PinLocked = 11,

    /// <summary>The mailbox has no relay-assisted PIN.</summary>
    NotPinProtected = 12,
}
