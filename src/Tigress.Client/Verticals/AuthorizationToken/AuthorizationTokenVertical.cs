using System.Text.Json;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Verticals.AuthorizationToken;

/// <summary>
/// <c>digitalwallet.generic.authorizationToken</c>: one message from initiator to recipient carrying an opaque token
/// (the shared text or file), <c>{"token": base64}</c>, and for a file its name, <c>"name": "notes.txt"</c>. The
/// recipient's result is the token's bytes; <see cref="ReadFileName"/> reads the name from the message.
/// </summary>
public sealed class AuthorizationTokenVertical : ICredentialVertical
{
    /// <summary>The format name.</summary>
    public const string FormatName = "digitalwallet.generic.authorizationToken";

    /// <summary>A vertical that sends no file name.</summary>
    public AuthorizationTokenVertical()
    {
    }

    /// <summary>An initiator's vertical that sends <paramref name="fileName"/> with the token.</summary>
    /// <param name="fileName">The file's base name, such as <c>notes.txt</c>; a path is cut to its last part.</param>
    public AuthorizationTokenVertical(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FileName = Path.GetFileName(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(FileName, nameof(fileName));
    }

    /// <summary>Initiator: the file name sent with the token, or null.</summary>
    public string? FileName { get; }

    /// <inheritdoc/>
    public string Format => FormatName;

    /// <inheritdoc/>
    public ShareVertical ShareVertical => ShareVertical.GeneralAccess;

    /// <inheritdoc/>
    public ValueTask<VerticalStep> BeginAsync(VerticalContext context, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = JsonSerializer.SerializeToElement(
            new AuthorizationTokenContent { Token = content.ToArray(), Name = FileName },
            AuthorizationTokenJsonContext.Default.AuthorizationTokenContent);
        return ValueTask.FromResult(VerticalStep.SendAndComplete(new ProvisioningInformation(FormatName, body)));
    }

    /// <summary>
    /// The file name an authorization-token message carries, exactly as the sender wrote it, or null when it has none
    /// (or is not this format). It comes from the other side: check it before using it as a path.
    /// </summary>
    public static string? ReadFileName(ProvisioningInformation message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Format != FormatName)
        {
            return null;
        }

        try
        {
            return message.Content.Deserialize(AuthorizationTokenJsonContext.Default.AuthorizationTokenContent)?.Name;
        }
        catch (JsonException)
        {
            return null;
        }
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
