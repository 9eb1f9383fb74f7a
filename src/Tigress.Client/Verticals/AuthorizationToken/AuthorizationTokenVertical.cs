using System.Text.Json;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Verticals.AuthorizationToken;

/// <summary>
/// <c>digitalwallet.generic.authorizationToken</c>: one message from initiator to recipient carrying an opaque token
/// (the shared text or file), <c>{"token": base64}</c>. The recipient's result is the token's bytes.
/// </summary>
public sealed class AuthorizationTokenVertical : ICredentialVertical
{
    /// <summary>The format name.</summary>
    public const string FormatName = "digitalwallet.generic.authorizationToken";

    /// <inheritdoc/>
    public string Format => FormatName;

    /// <inheritdoc/>
    public ShareVertical ShareVertical => ShareVertical.GeneralAccess;

    /// <inheritdoc/>
    public ValueTask<VerticalStep> BeginAsync(VerticalContext context, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = JsonSerializer.SerializeToElement(
            new AuthorizationTokenContent { Token = content.ToArray() },
            AuthorizationTokenJsonContext.Default.AuthorizationTokenContent);
        return ValueTask.FromResult(VerticalStep.SendAndComplete(new ProvisioningInformation(FormatName, body)));
    }

    /// <inheritdoc/>
    public ValueTask<VerticalStep> HandleAsync(VerticalContext context, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        if (context.Role != TransferRole.Recipient)
        {
            throw new TransferException(TransferError.ProtocolViolation, "The recipient of an authorization token sends no messages of its own.");
        }

        AuthorizationTokenContent? content;
        try
        {
            content = message.Content.Deserialize(AuthorizationTokenJsonContext.Default.AuthorizationTokenContent);
        }
        catch (JsonException exception)
        {
            throw new TransferException(TransferError.ProtocolViolation, "The authorization token message is malformed.", exception);
        }

        return content?.Token is { } token
            ? ValueTask.FromResult(VerticalStep.Complete(token))
            : throw new TransferException(TransferError.ProtocolViolation, "The authorization token message holds no token.");
    }
}
