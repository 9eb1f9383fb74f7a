namespace Tigress.Protocol.Pake;

/// <summary>
/// Which side of a SPAKE2 run a party plays. A blinds its share with the point M and B with N, so the two sides must
/// agree on who is A; in a PIN share the initiator is <see cref="A"/> and the recipient <see cref="B"/>.
/// </summary>
internal enum Spake2Role
{
    /// <summary>The party that sends pA = w*M + x*P and the confirmation cA.</summary>
    A = 0,

    /// <summary>The party that sends pB = w*N + y*P and the confirmation cB.</summary>
    B = 1,
}
