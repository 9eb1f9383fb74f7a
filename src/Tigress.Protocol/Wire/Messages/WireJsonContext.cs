using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>
/// Source-generated JSON for every mailbox message, shared by the relay and the client (and safe for native AOT: no
/// reflection). Reading is strict: no comments, no trailing commas, no duplicate members.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,

    // {"title":"a","title":"b"} means different things to different parsers: refuse it rather than pick one.
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(CreateMailboxRequestMessage))]
[JsonSerializable(typeof(CreateMailboxResponseMessage))]
[JsonSerializable(typeof(ReadMailboxRequestMessage))]
[JsonSerializable(typeof(ReadMailboxResponseMessage))]
[JsonSerializable(typeof(UpdateMailboxRequestMessage))]
[JsonSerializable(typeof(UpdateMailboxResponseMessage))]
[JsonSerializable(typeof(MailboxConfigurationMessage))]
[JsonSerializable(typeof(NotificationTokenMessage))]
[JsonSerializable(typeof(DisplayInformationMessage))]
[JsonSerializable(typeof(PayloadMessage))]
[JsonSerializable(typeof(PinProtectionMessage))]
[JsonSerializable(typeof(EvaluatePinRequestMessage))]
[JsonSerializable(typeof(EvaluatePinResponseMessage))]
[JsonSerializable(typeof(MailboxEventMessage))]
[JsonSerializable(typeof(ProblemDetailsMessage))]
[JsonSerializable(typeof(CapabilitiesDocument))]
[JsonSerializable(typeof(string))]
public sealed partial class WireJsonContext : JsonSerializerContext;
