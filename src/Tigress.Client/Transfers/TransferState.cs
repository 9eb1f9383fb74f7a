using System.ComponentModel;
using System.Text.Json;

namespace Tigress.Client.Transfers;

/// <summary>
/// A snapshot of a transfer as a small JSON document: store it, and after a restart hand it to
/// <c>TransferSession.Resume</c> to continue where the transfer stopped. It holds the share secret and the device
/// claim (mailbox binding) or the invitation's R and the plaintexts exchanged so far (dropbox binding): keep it as safe
/// as the credential itself.
/// </summary>
public sealed class TransferState
{
    private readonly string _json;

    private TransferState(string json, TransferBinding binding, TransferRole role, TransferStatus status)
    {
        _json = json;
        Binding = binding;
        Role = role;
        Status = status;
    }

    /// <summary>The binding the transfer runs over, which decides the client to resume it with.</summary>
    public TransferBinding Binding { get; }

    /// <summary>The side this state belongs to.</summary>
    public TransferRole Role { get; }

    /// <summary>The transfer's status when the snapshot was taken.</summary>
    public TransferStatus Status { get; }

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a transfer state of a version this library reads.</exception>
    public static TransferState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var document = Parse(json);
        return new TransferState(json, document.Binding, document.Role, document.Status);
    }

    /// <summary>The state as JSON.</summary>
    public string ToJson() => _json;

    /// <summary>Names role and status only: the state is secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"TransferState({Binding}, {Role}, {Status})";

    internal static TransferState From(TransferStateDocument document) =>
        new(JsonSerializer.Serialize(document, TransferJsonContext.Default.TransferStateDocument), document.Binding, document.Role, document.Status);

    internal TransferStateDocument ToDocument() => Parse(_json);

    private static TransferStateDocument Parse(string json)
    {
        TransferStateDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, TransferJsonContext.Default.TransferStateDocument);
        }
        catch (Exception exception) when (exception is JsonException or Protocol.TigressProtocolException)
        {
            throw new ArgumentException("The text is not a valid transfer state.", nameof(json), exception);
        }

        var complete = document?.Binding switch
        {
            TransferBinding.Mailbox => document.Claim != Guid.Empty && document.Key.Length != 0 && (document.MailboxUri is not null || document.RelayUri is not null),
            TransferBinding.Dropbox => document.Dropbox is { Invitation.Length: > 0, Transcript: not null },
            _ => false,
        };
        if (document is null || document.Version != TransferStateDocument.CurrentVersion || !complete)
        {
            throw new ArgumentException("The text is not a transfer state of a version this library reads.", nameof(json));
        }

        return document;
    }
}
