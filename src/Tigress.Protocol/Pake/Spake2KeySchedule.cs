using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

//
//  The SPAKE2 transcript and key schedule (RFC 9382 sections 3.3 and 4), for SPAKE2-P256-SHA256-HKDF-HMAC
//
//      TT = len(A) || A || len(B) || B || len(pA) || pA || len(pB) || pB || len(K) || K || len(w) || w
//
//      Ke || Ka  = SHA-256(TT)
//      KcA || KcB = HKDF-SHA256(salt = nil, IKM = Ka, info = "ConfirmationKeys" || AAD, L = 32)
//      cA = HMAC-SHA256(KcA, TT)        cB = HMAC-SHA256(KcB, TT)
//
//      | Value    | Length         | Notes                                                                  |
//      | -------- | -------------- | ---------------------------------------------------------------------- |
//      | len(X)   | 8 bytes        | little-endian byte count of the field that follows                     |
//      | A, B     | any            | identities; an absent identity is the empty string                     |
//      | pA,pB,K  | 65 bytes each  | uncompressed SEC1 points                                               |
//      | w        | 32 bytes       | big-endian, padded to the length of p so len(w) is constant            |
//      | Ke       | 16 bytes       | the first half of Hash(TT): the shared key, the protocol's only output |
//      | Ka       | 16 bytes       | the second half: feeds key confirmation only                           |
//      | KcA, KcB | 16 bytes each  | MAC keys of A and B                                                    |
//      | cA, cB   | 32 bytes each  | key confirmation messages                                              |
//
//  A nil salt is HashLen zero bytes (RFC 5869 section 2.2); HMAC pads an empty key with zeros to the same block, so
//  passing an empty salt is the same thing.
//

/// <summary>Builds TT and derives Ke, Ka, KcA, KcB and the confirmation MACs from it.</summary>
internal static class Spake2KeySchedule
{
    /// <summary>The length of Hash(TT) for SHA-256.</summary>
    public const int HashLength = 32;

    /// <summary>The length of Ke and of Ka: half of Hash(TT).</summary>
    public const int KeyLength = HashLength / 2;

    /// <summary>The length of KcA and of KcB: half of the 32 bytes the KDF produces.</summary>
    public const int ConfirmationKeyLength = 16;

    /// <summary>The length of cA and cB, an HMAC-SHA256 output.</summary>
    public const int ConfirmationLength = 32;

    private const int MaxStackInfoLength = 256;

    private static ReadOnlySpan<byte> ConfirmationKeysLabel => "ConfirmationKeys"u8;

    /// <summary>The length of TT for identities of the given lengths.</summary>
    public static int GetTranscriptLength(int identityALength, int identityBLength) =>
        sizeof(ulong) + identityALength                       // len(A) || A
        + sizeof(ulong) + identityBLength                     // len(B) || B
        + sizeof(ulong) + Spake2Group.ElementLength           // len(pA) || pA
        + sizeof(ulong) + Spake2Group.ElementLength           // len(pB) || pB
        + sizeof(ulong) + Spake2Group.ElementLength           // len(K) || K
        + sizeof(ulong) + Spake2Group.ScalarLength;           // len(w) || w

    /// <summary>Writes TT into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteTranscript(
        ReadOnlySpan<byte> identityA,
        ReadOnlySpan<byte> identityB,
        ReadOnlySpan<byte> shareA,
        ReadOnlySpan<byte> shareB,
        ReadOnlySpan<byte> sharedPoint,
        ReadOnlySpan<byte> w,
        Span<byte> destination)
    {
        Debug.Assert(shareA.Length == Spake2Group.ElementLength && shareB.Length == Spake2Group.ElementLength);
        Debug.Assert(sharedPoint.Length == Spake2Group.ElementLength && w.Length == Spake2Group.ScalarLength);
        Debug.Assert(destination.Length >= GetTranscriptLength(identityA.Length, identityB.Length));

        int offset = 0;
        offset += WriteField(identityA, destination[offset..]);
        offset += WriteField(identityB, destination[offset..]);
        offset += WriteField(shareA, destination[offset..]);
        offset += WriteField(shareB, destination[offset..]);
        offset += WriteField(sharedPoint, destination[offset..]);
        offset += WriteField(w, destination[offset..]);

        Debug.Assert(offset == GetTranscriptLength(identityA.Length, identityB.Length));
        return offset;
    }

    /// <summary>Derives Ke, Ka, KcA and KcB from TT and the associated data, each 16 bytes.</summary>
    public static void DeriveKeys(ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> aad, Span<byte> ke, Span<byte> ka, Span<byte> kcA, Span<byte> kcB)
    {
        Debug.Assert(ke.Length == KeyLength && ka.Length == KeyLength);
        Debug.Assert(kcA.Length == ConfirmationKeyLength && kcB.Length == ConfirmationKeyLength);

        Span<byte> hash = stackalloc byte[HashLength];
        Span<byte> confirmationKeys = stackalloc byte[2 * ConfirmationKeyLength];

        // The associated data is public; only its length decides where the info lives.
        int infoLength = checked(ConfirmationKeysLabel.Length + aad.Length);
        Span<byte> info = infoLength <= MaxStackInfoLength ? stackalloc byte[MaxStackInfoLength] : new byte[infoLength];
        info = info[..infoLength];
        ConfirmationKeysLabel.CopyTo(info);
        aad.CopyTo(info[ConfirmationKeysLabel.Length..]);

        try
        {
            SHA256.HashData(transcript, hash);
            hash[..KeyLength].CopyTo(ke);
            hash[KeyLength..].CopyTo(ka);

            HKDF.DeriveKey(HashAlgorithmName.SHA256, ka, confirmationKeys, salt: default, info);
            confirmationKeys[..ConfirmationKeyLength].CopyTo(kcA);
            confirmationKeys[ConfirmationKeyLength..].CopyTo(kcB);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hash);
            CryptographicOperations.ZeroMemory(confirmationKeys);
        }
    }

    /// <summary>Writes the confirmation MAC = HMAC-SHA256(kc, TT).</summary>
    public static void ComputeConfirmation(ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> transcript, Span<byte> confirmation)
    {
        Debug.Assert(confirmationKey.Length == ConfirmationKeyLength && confirmation.Length == ConfirmationLength);
        int written = HMACSHA256.HashData(confirmationKey, transcript, confirmation);
        Debug.Assert(written == ConfirmationLength);
    }

    private static int WriteField(ReadOnlySpan<byte> field, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)field.Length);
        field.CopyTo(destination[sizeof(ulong)..]);
        return sizeof(ulong) + field.Length;
    }
}
