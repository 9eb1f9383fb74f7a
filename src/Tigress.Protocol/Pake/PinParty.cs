using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

/// <summary>
/// What both sides of a PIN exchange (<see cref="PinInitiator"/>, <see cref="PinRecipient"/>) do alike once the PIN has
/// matched: derive the PIN session key and the session layer on it (docs/protocol.md section 12.5).
/// </summary>
public abstract class PinParty
{
    private protected PinParty()
    {
    }

    /// <summary>The PIN session key (see <see cref="PinSessionKey"/>) that seals and opens every message after the exchange.</summary>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R, as given when the exchange was created.</param>
    /// <param name="length">The binding's key length, from <see cref="PinSessionKey.MinimumLength"/> to <see cref="PinSessionKey.MaximumLength"/>.</param>
    /// <exception cref="InvalidOperationException">The PIN has not matched (on the recipient's side: the initiator's
    /// confirmation has not verified).</exception>
    public byte[] DeriveSessionKey(ReadOnlySpan<byte> invitationSecret, int length)
    {
        PinSessionKey.ThrowIfInvalidLength(length, nameof(length));
        byte[] key = GC.AllocateArray<byte>(length, pinned: true);
        DeriveSessionKey(invitationSecret, key);
        return key;
    }

    /// <summary>Writes the PIN session key into <paramref name="destination"/>, whose length is the key length.</summary>
    /// <exception cref="InvalidOperationException">The PIN has not matched.</exception>
    public void DeriveSessionKey(ReadOnlySpan<byte> invitationSecret, Span<byte> destination) =>
        MatchedParty(nameof(DeriveSessionKey)).DeriveSessionKey(invitationSecret, destination);

    /// <summary>The layer that seals every message after the exchange, under the PIN session key of <see cref="PinSessionCipher.KeyLength"/> bytes.</summary>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R, as given when the exchange was created.</param>
    /// <exception cref="InvalidOperationException">The PIN has not matched.</exception>
    public PinSessionCipher CreateSessionCipher(ReadOnlySpan<byte> invitationSecret)
    {
        Span<byte> key = stackalloc byte[PinSessionCipher.KeyLength];
        try
        {
            DeriveSessionKey(invitationSecret, key);
            return PinSessionCipher.Import(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The SPAKE2 party once the PIN has matched; otherwise throws as the side's state says.</summary>
    private protected abstract Spake2 MatchedParty(string operation);
}
