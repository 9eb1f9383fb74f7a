using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Verticals.CarKey;

/// <summary>
/// <c>digitalwallet.carkey.ccc</c>, as a demonstration with real cryptography: the owner sends a KeyCreationRequest
/// (vehicle, entitlements, validity window, owner public key); the friend's device generates an ECDSA P-256 key pair
/// and answers with a KeySigningRequest (its public key and a proof of possession); the owner signs a key certificate
/// with the owner key and sends a KeyImportRequest; the friend verifies the signature and only then holds the key.
/// </summary>
/// <remarks>
/// The real Car Connectivity Consortium message bodies are not public; these messages are this project's own and
/// show the shape of the flow, not the CCC wire format. The friend's result is a JSON document with the verified
/// certificate and the device key pair.
/// </remarks>
public sealed class CarKeyVertical : ICredentialVertical
{
    /// <summary>The format name.</summary>
    public const string FormatName = "digitalwallet.carkey.ccc";

    private static readonly string[] s_defaultEntitlements = ["unlock", "lock", "drive"];
    private const int CertificateVersion = 1;
    private const int MaxVehicleIdLength = 64;

    private readonly byte[]? _ownerKey;

    /// <summary>Creates the vertical; the owner key is generated per share and kept in the transfer state.</summary>
    public CarKeyVertical()
    {
    }

    /// <summary>Creates the vertical with the owner's long-term P-256 key (exported as PKCS#8 and kept by this instance).</summary>
    public CarKeyVertical(ECDsa ownerKey)
    {
        ArgumentNullException.ThrowIfNull(ownerKey);
        if (ownerKey.KeySize != 256)
        {
            throw new ArgumentException("The owner key must be an ECDSA P-256 key.", nameof(ownerKey));
        }

        _ownerKey = ownerKey.ExportPkcs8PrivateKey();
    }

    /// <inheritdoc/>
    public string Format => FormatName;

    /// <inheritdoc/>
    public ShareVertical ShareVertical => ShareVertical.CarKey;

    /// <summary>Owner: builds the KeyCreationRequest. <paramref name="content"/> is a <see cref="CarKeyOffer"/> as
    /// JSON, or plain UTF-8 text naming the vehicle (then the default entitlements and a seven-day window apply).</summary>
    /// <exception cref="ArgumentException">The content is not an offer and not a vehicle name.</exception>
    public ValueTask<VerticalStep> BeginAsync(VerticalContext context, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var offer = ReadOffer(content.Span);
        var notBefore = offer.NotBefore ?? context.TimeProvider.GetUtcNow();
        var notAfter = offer.NotAfter ?? notBefore.AddDays(7);
        var entitlements = offer.Entitlements is { Count: > 0 } given ? given : s_defaultEntitlements;
        if (notAfter <= notBefore || string.IsNullOrWhiteSpace(offer.VehicleId) || offer.VehicleId.Length > MaxVehicleIdLength
            || entitlements.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"A car key offer needs a vehicle id of 1 to {MaxVehicleIdLength} characters, non-empty entitlements and a validity window that ends after it starts.",
                nameof(content));
        }

        byte[]? generated = null;
        using var owner = _ownerKey is null ? CarKeyCrypto.NewKey() : CarKeyCrypto.ImportPrivateKey(_ownerKey);
        if (_ownerKey is null)
        {
            generated = owner.ExportPkcs8PrivateKey();
        }

        var request = new KeyCreationRequest
        {
            MessageType = KeyCreationRequest.Type,
            KeyId = Guid.NewGuid().ToString("D"),
            VehicleId = offer.VehicleId.Trim(),
            Entitlements = [.. entitlements],
            NotBefore = notBefore.ToUniversalTime(),
            NotAfter = notAfter.ToUniversalTime(),
            OwnerPublicKey = owner.ExportSubjectPublicKeyInfo(),
        };
        var state = new CarKeyState { Request = request, OwnerPrivateKey = generated };
        return ValueTask.FromResult(VerticalStep.Send(Message(request, CarKeyJsonContext.Default.KeyCreationRequest), State(state)));
    }

    /// <inheritdoc/>
    public ValueTask<VerticalStep> HandleAsync(VerticalContext context, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        var type = message.Content.TryGetProperty("messageType", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return ValueTask.FromResult((context.Role, context.State, type) switch
        {
            (TransferRole.Recipient, null, KeyCreationRequest.Type) => OnKeyCreationRequest(context, message),
            (TransferRole.Initiator, { } state, KeySigningRequest.Type) => OnKeySigningRequest(ReadState(state), message),
            (TransferRole.Recipient, { } state, KeyImportRequest.Type) => OnKeyImportRequest(ReadState(state), message),
            _ => throw new TransferException(TransferError.ProtocolViolation, "A car key message arrived out of turn."),
        });
    }

    // Friend: check the offer, make the device key, prove possession.
    private static VerticalStep OnKeyCreationRequest(VerticalContext context, ProvisioningInformation message)
    {
        var request = Read(message, CarKeyJsonContext.Default.KeyCreationRequest);
        if (string.IsNullOrWhiteSpace(request.VehicleId) || request.Entitlements.Count == 0 || request.NotAfter <= request.NotBefore)
        {
            throw new TransferException(TransferError.VerificationFailed, "The car key offer is incomplete or its validity window is empty.");
        }

        if (request.NotAfter <= context.TimeProvider.GetUtcNow())
        {
            throw new TransferException(TransferError.VerificationFailed, "The car key offer has already expired.");
        }

        // Refuses an owner key that is not P-256 before anything is generated.
        CarKeyCrypto.ImportPublicKey(request.OwnerPublicKey).Dispose();

        using var device = CarKeyCrypto.NewKey();
        var publicKey = device.ExportSubjectPublicKeyInfo();
        var signingRequest = new KeySigningRequest
        {
            MessageType = KeySigningRequest.Type,
            KeyId = request.KeyId,
            DevicePublicKey = publicKey,
            ProofOfPossession = CarKeyCrypto.Sign(device, CarKeyCrypto.PossessionStatement(request.KeyId)),
        };
        var state = new CarKeyState { Request = request, DevicePrivateKey = device.ExportPkcs8PrivateKey(), DevicePublicKey = publicKey };
        return VerticalStep.Send(Message(signingRequest, CarKeyJsonContext.Default.KeySigningRequest), State(state));
    }

    // Owner: check the proof of possession, then sign the certificate.
    private VerticalStep OnKeySigningRequest(CarKeyState state, ProvisioningInformation message)
    {
        var signingRequest = Read(message, CarKeyJsonContext.Default.KeySigningRequest);
        var request = state.Request;
        if (signingRequest.KeyId != request.KeyId)
        {
            throw new TransferException(TransferError.VerificationFailed, "The key signing request answers a different key offer.");
        }

        if (!CarKeyCrypto.Verify(signingRequest.DevicePublicKey, CarKeyCrypto.PossessionStatement(request.KeyId), signingRequest.ProofOfPossession))
        {
            throw new TransferException(TransferError.VerificationFailed, "The friend's device did not prove it holds its private key.");
        }

        var certificate = JsonSerializer.SerializeToUtf8Bytes(
            new KeyCertificate
            {
                Version = CertificateVersion,
                KeyId = request.KeyId,
                VehicleId = request.VehicleId,
                Entitlements = request.Entitlements,
                NotBefore = request.NotBefore,
                NotAfter = request.NotAfter,
                DevicePublicKey = signingRequest.DevicePublicKey,
                OwnerPublicKey = request.OwnerPublicKey,
            },
            CarKeyJsonContext.Default.KeyCertificate);
        var ownerKey = state.OwnerPrivateKey ?? _ownerKey
            ?? throw new InvalidOperationException("This car key share was started with an owner key this instance does not hold.");
        using var owner = CarKeyCrypto.ImportPrivateKey(ownerKey);
        var importRequest = new KeyImportRequest
        {
            MessageType = KeyImportRequest.Type,
            KeyId = request.KeyId,
            Certificate = certificate,
            Signature = CarKeyCrypto.Sign(owner, CarKeyCrypto.CertificateStatement(certificate)),
        };

        // The owner key is no longer needed once the certificate is signed; it leaves the stored state.
        return VerticalStep.SendAndComplete(
            Message(importRequest, CarKeyJsonContext.Default.KeyImportRequest),
            State(new CarKeyState { Request = request }));
    }

    // Friend: verify the certificate against what was offered and asked for; only then is the key provisioned.
    private static VerticalStep OnKeyImportRequest(CarKeyState state, ProvisioningInformation message)
    {
        var importRequest = Read(message, CarKeyJsonContext.Default.KeyImportRequest);
        var request = state.Request;
        if (!CarKeyCrypto.Verify(request.OwnerPublicKey, CarKeyCrypto.CertificateStatement(importRequest.Certificate), importRequest.Signature))
        {
            throw new TransferException(TransferError.VerificationFailed, "The car key certificate's signature does not verify with the owner's key.");
        }

        KeyCertificate? certificate;
        try
        {
            certificate = JsonSerializer.Deserialize(importRequest.Certificate, CarKeyJsonContext.Default.KeyCertificate);
        }
        catch (JsonException exception)
        {
            throw new TransferException(TransferError.VerificationFailed, "The car key certificate is malformed.", exception);
        }

        if (certificate is null
            || certificate.Version != CertificateVersion
            || importRequest.KeyId != request.KeyId
            || certificate.KeyId != request.KeyId
            || certificate.VehicleId != request.VehicleId
            || !certificate.Entitlements.SequenceEqual(request.Entitlements, StringComparer.Ordinal)
            || certificate.NotBefore != request.NotBefore
            || certificate.NotAfter != request.NotAfter
            || !CryptographicOperations.FixedTimeEquals(certificate.DevicePublicKey, state.DevicePublicKey)
            || !CryptographicOperations.FixedTimeEquals(certificate.OwnerPublicKey, request.OwnerPublicKey))
        {
            throw new TransferException(TransferError.VerificationFailed, "The signed car key certificate does not match the key that was offered and requested.");
        }

        var provisioned = new ProvisionedCarKey
        {
            Format = FormatName,
            KeyId = certificate.KeyId,
            VehicleId = certificate.VehicleId,
            Entitlements = certificate.Entitlements,
            NotBefore = certificate.NotBefore,
            NotAfter = certificate.NotAfter,
            DevicePublicKey = certificate.DevicePublicKey,
            DevicePrivateKey = state.DevicePrivateKey!,
            OwnerPublicKey = certificate.OwnerPublicKey,
            Certificate = importRequest.Certificate,
            Signature = importRequest.Signature,
            SignatureVerified = true,
        };
        return VerticalStep.Complete(JsonSerializer.SerializeToUtf8Bytes(provisioned, CarKeyIndentedJsonContext.Default.ProvisionedCarKey));
    }

    private static CarKeyOffer ReadOffer(ReadOnlySpan<byte> content)
    {
        var trimmed = content.Trim(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
        {
            try
            {
                return JsonSerializer.Deserialize(trimmed, CarKeyJsonContext.Default.CarKeyOffer)
                    ?? throw new ArgumentException("The car key offer is empty.", nameof(content));
            }
            catch (JsonException exception)
            {
                throw new ArgumentException("The car key offer is not valid JSON: " + exception.Message, nameof(content), exception);
            }
        }

        string vehicle;
        try
        {
            vehicle = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(trimmed);
        }
        catch (DecoderFallbackException exception)
        {
            throw new ArgumentException("A car key share needs a vehicle id as text, or an offer as JSON.", nameof(content), exception);
        }

        return new CarKeyOffer { VehicleId = vehicle };
    }

    private static T Read<T>(ProvisioningInformation message, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return message.Content.Deserialize(typeInfo)
                ?? throw new TransferException(TransferError.ProtocolViolation, "A car key message is empty.");
        }
        catch (JsonException exception)
        {
            throw new TransferException(TransferError.ProtocolViolation, "A car key message is malformed.", exception);
        }
    }

    private static ProvisioningInformation Message<T>(T content, JsonTypeInfo<T> typeInfo) =>
        new(FormatName, JsonSerializer.SerializeToElement(content, typeInfo));

    private static JsonElement State(CarKeyState state) => JsonSerializer.SerializeToElement(state, CarKeyJsonContext.Default.CarKeyState);

    private static CarKeyState ReadState(JsonElement state) =>
        state.Deserialize(CarKeyJsonContext.Default.CarKeyState)
            ?? throw new InvalidOperationException("The stored car key state is empty.");
}
