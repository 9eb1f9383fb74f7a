using System.Text.Json.Serialization;

namespace Tigress.Client.Verticals.CarKey;

/// <summary>Source-generated serialisation of the provisioned key, indented for the document handed to the user.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ProvisionedCarKey))]
internal sealed partial class CarKeyIndentedJsonContext : JsonSerializerContext;
