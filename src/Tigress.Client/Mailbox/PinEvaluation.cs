namespace Tigress.Client.Mailbox;

/// <summary>The relay's answer to a relay-assisted PIN evaluation (docs/protocol.md section 12.6).</summary>
/// <param name="EvaluatedElement">The mailbox's OPRF key times the blinded element, 33 bytes.</param>
/// <param name="GuessesLeft">How many wrong proofs the share still accepts.</param>
internal sealed record PinEvaluation(byte[] EvaluatedElement, int GuessesLeft);
