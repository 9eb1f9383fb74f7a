using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>Source-generated serialisation for the mailbox wire messages.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateMailboxRequestMessage))]
[JsonSerializable(typeof(CreateMailboxResponseMessage))]
[JsonSerializable(typeof(ReadMailboxRequestMessage))]
[JsonSerializable(typeof(ReadMailboxResponseMessage))]
[JsonSerializable(typeof(UpdateMailboxRequestMessage))]
[JsonSerializable(typeof(ProblemDetailsMessage))]
[JsonSerializable(typeof(MailboxEventMessage))]
internal sealed partial class MailboxJsonContext : JsonSerializerContext;
