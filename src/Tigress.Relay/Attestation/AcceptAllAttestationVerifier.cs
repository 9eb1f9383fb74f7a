using Tigress.Relay.Storage;

namespace Tigress.Relay.Attestation;

/// <summary>The default verifier: the drafts make attestation optional, so every request is accepted.</summary>
internal sealed class AcceptAllAttestationVerifier : IDeviceAttestationVerifier
{
    public ValueTask<bool> VerifyAsync(string? attestation, MailboxOperation operation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);
}
