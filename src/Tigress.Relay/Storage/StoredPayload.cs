using Tigress.Protocol.Mailbox;

namespace Tigress.Relay.Storage;

/// <summary>One sealed message as the relay keeps it: the cipher name and the decoded <c>IV || ciphertext || tag</c>.</summary>
/// <param name="Algorithm">The AEAD the sender named.</param>
/// <param name="Data">The opaque sealed bytes; the relay never sees a key.</param>
public sealed record StoredPayload(PayloadAlgorithm Algorithm, byte[] Data);
