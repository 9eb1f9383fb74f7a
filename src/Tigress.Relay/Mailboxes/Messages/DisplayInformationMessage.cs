using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary><c>displayInformation</c>: what a link preview shows before anything is decrypted.</summary>
internal sealed class DisplayInformationMessage
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("imageURL")]
    public string? ImageUrl { get; set; }
}
