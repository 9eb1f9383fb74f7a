using System.Text.Json.Serialization;

namespace Tigress.Client.Verticals.CarKey;

/// <summary>Source-generated serialisation for the car key messages, certificate, result and state.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CarKeyOffer))]
[JsonSerializable(typeof(KeyCreationRequest))]
[JsonSerializable(typeof(KeySigningRequest))]
[JsonSerializable(typeof(KeyImportRequest))]
[JsonSerializable(typeof(KeyCertificate))]
[JsonSerializable(typeof(CarKeyState))]
[JsonSerializable(typeof(ProvisionedCarKey))]
internal sealed partial class CarKeyJsonContext : JsonSerializerContext;

