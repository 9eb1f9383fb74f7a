using System.Diagnostics;

namespace Tigress.Protocol.Pake;

//
//  The stored form of a PIN exchange in progress, so that a share survives a restart of either device between its
//  messages (the two sides may be online days apart). It holds w and an ephemeral scalar: as secret as the invitation.
//
//      | Field     | Bytes | Present                                                     |
//      | --------- | ----- | ----------------------------------------------------------- |
//      | version   | 1     | always: 1                                                   |
//      | phase     | 1     | always: one of the Phase values below                       |
//      | w         | 32    | always                                                      |
//      | ephemeral | 32    | initiator awaiting the answer; recipient awaiting the confirm |
//      | pA        | 65    | recipient awaiting the confirmation                         |
//
//  A finished or failed exchange has no stored form: once it ends, nothing of it may be resumed, so a wrong PIN can
//  never be followed by a second attempt from a stored copy.
//

/// <summary>Lays out and checks the stored form of <see cref="PinInitiator"/> and <see cref="PinRecipient"/>.</summary>
internal static class PinHandshakeState
{
    public const byte Version = 1;

    public const int HeaderLength = 2;

    public enum Phase : byte
    {
        InitiatorAwaitingAnswer = 1,
        RecipientAwaitingStart = 2,
        RecipientAwaitingConfirmation = 3,
    }

    public static int GetLength(Phase phase) => phase switch
    {
        Phase.InitiatorAwaitingAnswer => HeaderLength + Spake2.ScalarLength + Spake2.ScalarLength,
        Phase.RecipientAwaitingStart => HeaderLength + Spake2.ScalarLength,
        Phase.RecipientAwaitingConfirmation => HeaderLength + Spake2.ScalarLength + Spake2.ScalarLength + Spake2.ShareLength,
        _ => throw new UnreachableException(),
    };

    /// <summary>Writes the header and returns the span after it.</summary>
    public static Span<byte> WriteHeader(Phase phase, Span<byte> destination)
    {
        Debug.Assert(destination.Length == GetLength(phase));
        destination[0] = Version;
        destination[1] = (byte)phase;
        return destination[HeaderLength..];
    }

    /// <summary>Reads the header; false when the version is unknown, the phase is not one of <paramref name="allowed"/>
    /// or the length does not match the phase.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> state, ReadOnlySpan<Phase> allowed, out Phase phase, out ReadOnlySpan<byte> body)
    {
        phase = default;
        body = default;
        if (state.Length < HeaderLength || state[0] != Version || !allowed.Contains((Phase)state[1]))
        {
            return false;
        }

        phase = (Phase)state[1];
        if (state.Length != GetLength(phase))
        {
            return false;
        }

        body = state[HeaderLength..];
        return true;
    }
}
