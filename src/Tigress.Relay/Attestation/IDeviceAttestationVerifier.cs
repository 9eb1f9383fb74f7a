using Tigress.Relay.Storage;

namespace Tigress.Relay.Attestation;

/// <summary>
/// Checks the optional <c>Mailbox-Device-Attestation</c> header. The default accepts everything; a deployment that
/// only serves attested devices registers its own. The attestation is never stored or logged.
/// </summary>
public interface IDeviceAttestationVerifier
{
    /// <summary>Whether a request carrying <paramref name="attestation"/> (or none) may perform <paramref name="operation"/>.</summary>
    ValueTask<bool> VerifyAsync(string? attestation, MailboxOperation operation, CancellationToken cancellationToken);
}
