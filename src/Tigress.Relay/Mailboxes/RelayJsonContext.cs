using System.Text.Json.Serialization;
using Tigress.Relay.Capabilities;
using Tigress.Relay.Mailboxes.Messages;
using Tigress.Relay.Problems;

namespace Tigress.Relay.Mailboxes;

/// <summary>Source-generated JSON for every body the relay reads or writes: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,

    // {"title":"a","title":"b"} means different things to different parsers: refuse it rather than pick one.
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(CreateMailboxRequest))]
[JsonSerializable(typeof(CreateMailboxResponse))]
[JsonSerializable(typeof(ReadMailboxRequest))]
[JsonSerializable(typeof(ReadMailboxResponse))]
[JsonSerializable(typeof(UpdateMailboxRequest))]
[JsonSerializable(typeof(UpdateMailboxResponse))]
[JsonSerializable(typeof(DisplayInformationMessage))]
[JsonSerializable(typeof(NotificationTokenMessage))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(CapabilitiesDocument))]
internal sealed partial class RelayJsonContext : JsonSerializerContext;
