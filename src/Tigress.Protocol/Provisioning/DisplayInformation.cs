using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Protocol.Provisioning;

/// <summary>
/// What a link preview shows before anything is decrypted: <c>{"title", "description", "imageURL"}</c>
/// (docs/protocol.md section 7). The relay serves it in the clear, so the initiator repeats it inside the encrypted
/// provisioning information and the recipient compares the two (docs/protocol.md section 5.1).
/// </summary>
[JsonConverter(typeof(DisplayInformationJsonConverter))]
public sealed class DisplayInformation : IEquatable<DisplayInformation>
{
    /// <summary>Creates display information; <paramref name="imageUrl"/> must be an absolute https URL.</summary>
    public DisplayInformation(string title, string description, Uri imageUrl)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(imageUrl);
        if (!IsValidImageUrl(imageUrl))
        {
            throw new ArgumentException("The image URL must be an absolute https URL.", nameof(imageUrl));
        }

        Title = title;
        Description = description;
        ImageUrl = imageUrl;
    }

    /// <summary>The preview title.</summary>
    public string Title { get; }

    /// <summary>The preview description.</summary>
    public string Description { get; }

    /// <summary>The preview image, an absolute https URL.</summary>
    public Uri ImageUrl { get; }

    /// <summary>True when all three fields are equal: the strings ordinally, the image URLs in their normalised
    /// absolute form (so a relay that only re-serialises the URL is not mistaken for a liar).</summary>
    public bool Equals(DisplayInformation? other) =>
        other is not null
        && string.Equals(Title, other.Title, StringComparison.Ordinal)
        && string.Equals(Description, other.Description, StringComparison.Ordinal)
        && string.Equals(ImageUrl.AbsoluteUri, other.ImageUrl.AbsoluteUri, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DisplayInformation);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(Title), StringComparer.Ordinal.GetHashCode(Description), ImageUrl.AbsoluteUri);

    /// <summary>The title, for diagnostics; display information is public by design.</summary>
    public override string ToString() => Title;

    /// <summary>Reads display information from a JSON object.</summary>
    /// <exception cref="TigressProtocolException">A field is missing or invalid
    /// (<see cref="ProtocolErrorCodes.MalformedDisplayInformation"/>).</exception>
    public static DisplayInformation FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error.MalformedDisplayInformation("it is not a JSON object.");
        }

        return Parse(ReadString(element, "title"), ReadString(element, "description"), ReadString(element, "imageURL"));
    }

    /// <summary>Checks the three wire fields of display information.</summary>
    /// <exception cref="TigressProtocolException">A field is missing or the image URL is not an absolute https URL
    /// (<see cref="ProtocolErrorCodes.MalformedDisplayInformation"/>).</exception>
    public static DisplayInformation Parse(string? title, string? description, string? imageUrl)
    {
        var checkedTitle = title ?? throw Error.MalformedDisplayInformation("\"title\" is missing or not a string.");
        var checkedDescription = description ?? throw Error.MalformedDisplayInformation("\"description\" is missing or not a string.");
        var image = imageUrl ?? throw Error.MalformedDisplayInformation("\"imageURL\" is missing or not a string.");
        if (!Uri.TryCreate(image, UriKind.Absolute, out var uri) || !IsValidImageUrl(uri))
        {
            throw Error.MalformedDisplayInformation("\"imageURL\" is not an absolute https URL.");
        }

        return new DisplayInformation(checkedTitle, checkedDescription, uri);
    }

    /// <summary>Writes the JSON object with the wire member names.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("title"u8, Title);
        writer.WriteString("description"u8, Description);
        writer.WriteString("imageURL"u8, ImageUrl.AbsoluteUri);
        writer.WriteEndObject();
    }

    private static string ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error.MalformedDisplayInformation($"\"{name}\" is missing or not a string.");

    private static bool IsValidImageUrl(Uri uri) => uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps;
}
