using System.Security.Cryptography;
using Tigress.Client.Capabilities;
using Tigress.Client.Verticals;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Pake.Messages;

namespace Tigress.Client.Transfers;

/// <summary>Refusing a share the relay would not take, before anything is uploaded.</summary>
public sealed partial class TransferSession
{
    // Room for the create request's JSON around the payload: field names, the notification token, the configuration.
    private const int RequestEnvelopeAllowance = 1024;

    /// <summary>
    /// Mailbox binding: checks the credential's message against the relay's advertised limits (the sealed payload, and
    /// the request body it travels in as base64 beside the preview) and throws with the largest content that fits.
    /// A relay that does not answer <c>GET /v1</c> is not checked here; its own answer to the upload decides.
    /// </summary>
    internal static async Task CheckSizeAsync(
        RelayCapabilities? capabilities,
        ShareRequest request,
        PinProtection pin,
        ICredentialVertical vertical,
        VerticalStep first,
        TransferSessionOptions options,
        CancellationToken cancellationToken)
    {
        if (capabilities is null)
        {
            return;
        }

        var limits = new SizeLimits(capabilities, request, pin);
        if (limits.Fits(first.Message!))
        {
            return;
        }

        var largest = await LargestContentAsync(vertical, limits, request.Content.Length, options, cancellationToken).ConfigureAwait(false);
        var advertised = $"the relay takes at most {capabilities.MaxPayloadBytes} bytes of sealed payload per message";
        throw new TransferException(
            TransferError.RelayRefused,
            largest is { } bytes
                ? $"The share is too large for this relay: {request.Content.Length} bytes of content, and this relay takes at most {bytes} bytes for this format ({advertised}, before base64, JSON and encryption). Nothing was uploaded."
                : $"The share is too large for this relay ({advertised}, before base64, JSON and encryption). Nothing was uploaded.");
    }

    /// <summary>The largest content of the share's vertical that fits, found by asking the vertical for the first message
    /// of contents of each length; null when the vertical does not take arbitrary bytes.</summary>
    internal static async Task<int?> LargestContentAsync(
        ICredentialVertical vertical,
        SizeLimits limits,
        int tooLarge,
        TransferSessionOptions options,
        CancellationToken cancellationToken)
    {
        var (low, high) = (0, tooLarge - 1);
        try
        {
            if (!await FitsAsync(0).ConfigureAwait(false))
            {
                return 0;
            }

            while (low < high)
            {
                var middle = low + ((high - low + 1) / 2);
                (low, high) = await FitsAsync(middle).ConfigureAwait(false) ? (middle, high) : (low, middle - 1);
            }

            return low;
        }
        catch (Exception exception) when (exception is TransferException or ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }

        async Task<bool> FitsAsync(int length)
        {
            var step = await vertical.BeginAsync(new VerticalContext(TransferRole.Initiator, null, options.TimeProvider), new byte[length], cancellationToken)
                .ConfigureAwait(false);
            return step.Message is { } message && limits.Fits(message);
        }
    }

    /// <summary>What one message may weigh on a relay, from its capability document.</summary>
    internal sealed class SizeLimits(RelayCapabilities capabilities, ShareRequest request, PinProtection pin)
    {
        /// <summary>True when the credential's message, with the preview sealed in, fits both limits.</summary>
        public bool Fits(Protocol.Provisioning.ProvisioningInformation message)
        {
            var plaintext = message.WithDisplayInformation(request.DisplayInformation).ToUtf8Json();
            var length = plaintext.Length;
            CryptographicOperations.ZeroMemory(plaintext);
            if (pin == PinProtection.RelayAssisted)
            {
                // Every message, the first included, is sealed under the PIN session key inside the payload.
                length += PinSessionCipher.Overhead;
            }
            else if (pin == PinProtection.Spake2)
            {
                // A PIN share sends the credential after the exchange, sealed under the PIN session key inside the
                // confirmation message: measure that message, with placeholder bytes of the same lengths.
                var inner = length + PinSessionCipher.Overhead;
                if (inner > PinConfirmMessage.MaxSealedLength)
                {
                    return false;
                }

                length = new PinConfirmMessage(new byte[PinConfirmMessage.ConfirmationLength], new byte[inner]).ToProvisioningInformation().ToUtf8Json().Length;
            }

            var sealedLength = length + SecurePayload.Overhead;
            if (capabilities.MaxPayloadBytes is { } maxPayload && sealedLength > maxPayload)
            {
                return false;
            }

            var preview = request.DisplayInformation.Title.Length + request.DisplayInformation.Description.Length
                + request.DisplayInformation.ImageUrl.AbsoluteUri.Length;
            var body = (4L * ((sealedLength + 2) / 3)) + (6L * preview) + RequestEnvelopeAllowance;
            return capabilities.MaxRequestBodyBytes is not { } maxBody || body <= maxBody;
        }
    }
}
