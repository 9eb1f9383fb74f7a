using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Verticals;

/// <summary>
/// One kind of credential (a provisioning-information format) and its message exchange: what the initiator sends
/// first, how each side answers the other's message, and when the recipient holds the credential.
/// </summary>
/// <remarks>
/// A vertical keeps no per-transfer state in the instance: whatever it must remember between two messages (a key
/// pair, the request it answered) goes into <see cref="VerticalStep.State"/>, which the session stores with the
/// transfer and hands back in the next <see cref="VerticalContext"/>, even after a restart. The session numbers,
/// seals, sends and acknowledges the messages; the vertical only sees plaintext provisioning information.
/// </remarks>
public interface ICredentialVertical
{
    /// <summary>The provisioning-information format this vertical speaks, such as <c>digitalwallet.carkey.ccc</c>.</summary>
    string Format { get; }

    /// <summary>The <c>v</c> hint a share URL carries for this vertical.</summary>
    ShareVertical ShareVertical { get; }

    /// <summary>Initiator only: builds the first message from the content the user shares.</summary>
    ValueTask<VerticalStep> BeginAsync(VerticalContext context, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Handles a message from the other side and says what to answer, if anything.</summary>
    /// <exception cref="Transfers.TransferException">The message is not acceptable, for example a signature does not
    /// verify (<see cref="Transfers.TransferError.VerificationFailed"/>); the session then cancels the transfer and
    /// tells the other side why.</exception>
    ValueTask<VerticalStep> HandleAsync(VerticalContext context, ProvisioningInformation message, CancellationToken cancellationToken);
}
