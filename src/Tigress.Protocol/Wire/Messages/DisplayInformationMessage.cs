using System.Text.Json.Serialization;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Wire.Messages;

/// <summary><c>displayInformation</c>: what a link preview shows before anything is decrypted
/// (docs/protocol.md section 7.3); <see cref="DisplayInformation"/> is its checked form.</summary>
public sealed class DisplayInformationMessage
{
    /// <summary>The preview title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The preview description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The preview image, an absolute https URL.</summary>
    [JsonPropertyName("imageURL")]
    public string? ImageUrl { get; set; }

    /// <summary>The message for <paramref name="display"/>.</summary>
    public static DisplayInformationMessage From(DisplayInformation display)
    {
        ArgumentNullException.ThrowIfNull(display);
        return new() { Title = display.Title, Description = display.Description, ImageUrl = display.ImageUrl.AbsoluteUri };
    }

    /// <summary>The checked display information this message carries.</summary>
    /// <exception cref="TigressProtocolException">A field is missing or invalid
    /// (<see cref="ProtocolErrorCodes.MalformedDisplayInformation"/>).</exception>
    public DisplayInformation ToDisplayInformation() => DisplayInformation.Parse(Title, Description, ImageUrl);
}
