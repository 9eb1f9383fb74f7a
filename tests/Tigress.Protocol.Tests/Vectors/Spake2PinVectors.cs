namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// Known answers for the PIN constructions of docs/protocol.md section 12, which no RFC publishes: the SPAKE2 password scalar
/// (PinKey) and the PIN session key (PinSessionKey). Computed once with an independent implementation built only on a
/// standard library's HMAC-SHA256 and PBKDF2, from the construction in the header comments of PinKey.cs and
/// PinSessionKey.cs. Hex strings.
/// </summary>
public static class Spake2PinVectors
{
    private const string Secret16 = "000102030405060708090a0b0c0d0e0f";
    private const string Secret32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string OtherSecret32 = "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

    // Ke of RFC 9382 appendix B, first vector, standing in for a verified SPAKE2 key.
    private const string SharedKey = "0e0672dc86f8e45565d338b0540abe69";

    /// <summary>(PIN, invitation secret, w = PBKDF2-SHA256(PIN, HKDF-Expand-Label(secret, "pin salt", "", 32), 100 000, 48) mod p).</summary>
    public static TheoryData<string, string, string> PinScalars { get; } = new()
    {
        // A 16-byte mailbox secret.
        { "000000", Secret16, "088ec3f8b101bd3a82a3015e01b9651fd24e1fddc9cebe7e751db10ce5a08823" },

        // A 32-byte mailbox secret or dropbox R.
        { "123456", Secret32, "3b58c8081186b579341666ffb86c58f35350a656c45fd058483d8aaeb0b13129" },

        // The same PIN under another secret.
        { "123456", OtherSecret32, "ba4c7f3f90430c70434c0fe9d3e9582a5353feaa0966c37b3dd62a693e21b6a0" },

        // A longer PIN.
        { "98765432109876", Secret32, "d384a12f078b4e7503acf00e3b25927e30e9c4cd59d228886c15a20184306976" },
    };

    /// <summary>(invitation secret, Ke, length, key = HKDF-Expand-Label(HKDF-Extract(Ke, secret), "tigress pin session", "", length)).</summary>
    public static TheoryData<string, string, int, string> SessionKeys { get; } = new()
    {
        // AES-128-GCM mailbox key from a 16-byte secret.
        { Secret16, SharedKey, 16, "b3735deee28ce69f7cf412c63a638c7a" },

        // AES-128-GCM and AES-256-GCM keys from a 32-byte secret.
        { Secret32, SharedKey, 16, "3dcdd48f50476bd907b5a3280013533c" },
        { Secret32, SharedKey, 32, "7003a6afe6fd8ad3c0445253c1c0da2ee14717e66e4d60c0879f189262a1ebe1" },

        // Nh for the dropbox suite 0x1302 (SHA-384).
        { Secret32, SharedKey, 48, "29a2294dd7274f3aa6ba5fe06669c554e7b5eb91e7b0562fd2dcd4cef784ed90be3824e5b63591f4327b7edcec349258" },

        // The longest key.
        {
            OtherSecret32, SharedKey, 64,
            "2c012836c1f97cdd29b3b348f45cdc36d811bcb08bfb70a2fbacf25b379b426c81ce4f06889ebd335545ac28c42b96b1b8d825c443913de11adc37a53efc18e8"
        },
    };
}
