using System.Text.Json.Serialization;

namespace Tigress.Client.Transfers;

/// <summary>The content of a control message: empty for <c>tigress.control.complete</c>, a reason and code for <c>tigress.control.cancel</c>.</summary>
internal sealed class ControlContent
{
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>A machine-readable cause: <c>cancelled</c> for a user's cancel, else the failure, such as <c>preview-mismatch</c>.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }
}
