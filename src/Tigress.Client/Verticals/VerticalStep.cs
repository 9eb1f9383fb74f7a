using System.ComponentModel;
using System.Text.Json;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Verticals;

/// <summary>What a vertical decided: a message to send (or none), the state to keep, and whether this side is
/// done.</summary>
public sealed class VerticalStep
{
    private VerticalStep(ProvisioningInformation? message, JsonElement? state, bool isComplete, byte[]? result)
    {
        Message = message;
        State = state?.Clone();
        IsComplete = isComplete;
        Result = result;
    }

    /// <summary>The message to send to the other side, or null.</summary>
    public ProvisioningInformation? Message { get; }

    /// <summary>The state to hand back in the next <see cref="VerticalContext.State"/>; it is stored with the transfer.</summary>
    public JsonElement? State { get; }

    /// <summary>True when this side's part is done; for the recipient, it then holds the credential.</summary>
    public bool IsComplete { get; }

    /// <summary>Recipient: the credential as bytes, handed to the application when the transfer completes.</summary>
    public byte[]? Result { get; }

    /// <summary>Send <paramref name="message"/> and wait for the other side's answer.</summary>
    public static VerticalStep Send(ProvisioningInformation message, JsonElement? state = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new VerticalStep(message, state, isComplete: false, result: null);
    }

    /// <summary>Send <paramref name="message"/>; this side expects nothing more of the vertical (the initiator still
    /// waits for the recipient's acknowledgement).</summary>
    public static VerticalStep SendAndComplete(ProvisioningInformation message, JsonElement? state = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new VerticalStep(message, state, isComplete: true, result: null);
    }

    /// <summary>Recipient: the credential is provisioned; the session acknowledges it to the initiator.</summary>
    public static VerticalStep Complete(byte[] result, JsonElement? state = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new VerticalStep(null, state, isComplete: true, result);
    }

    /// <summary>Send nothing and wait for the other side's next message.</summary>
    public static VerticalStep Wait(JsonElement? state = null) => new(null, state, isComplete: false, result: null);

    /// <summary>Describes the step without its content.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"VerticalStep(message: {Message?.Format ?? "none"}, complete: {IsComplete})";
}
