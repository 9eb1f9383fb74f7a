using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// Published AEAD known answers, run through <see cref="TigressSuite"/>. Hex strings; the expected output is
/// ciphertext followed by the 16-byte tag.
/// </summary>
public static class DropboxAeadVectors
{
    /// <summary>(suite, key, nonce, associated data, plaintext, ciphertext || tag).</summary>
    public static TheoryData<TigressSuiteId, string, string, string, string, string> KnownAnswers { get; } = new()
    {
        // RFC 8439 section 2.8.2, "Example and Test Vector for AEAD_CHACHA20_POLY1305". The plaintext is the ASCII
        // sentence of that section.
        {
            TigressSuiteId.ChaCha20Poly1305Sha256,
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
            "070000004041424344454647",
            "50515253c0c1c2c3c4c5c6c7",
            "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a20496620492063" +
            "6f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73" +
            "637265656e20776f756c642062652069742e",
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b" +
            "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc" +
            "3ff4def08e4b7a9de576d26586cec64b6116" +
            "1ae10b594f09e26a7e902ecbd0600691"
        },

        // McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", appendix B, Test Case 1 (AES-128, empty input).
        {
            TigressSuiteId.Aes128GcmSha256,
            "00000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "",
            "58e2fccefa7e3061367f1d57a4e7455a"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 2 (AES-128, one zero block).
        {
            TigressSuiteId.Aes128GcmSha256,
            "00000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "00000000000000000000000000000000",
            "0388dace60b6a392f328c2b971b2fe78" +
            "ab6e47d42cec13bdf53a67b21257bddf"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 3 (AES-128, four blocks, no AAD).
        {
            TigressSuiteId.Aes128GcmSha256,
            "feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525" +
            "b16aedf5aa0de657ba637b391aafd255",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05" +
            "1ba30b396a0aac973d58e091473f5985" +
            "4d5c2af327cd64a62cf35abd2ba6fab4"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 4 (AES-128, 60 bytes, 20 bytes of AAD).
        {
            TigressSuiteId.Aes128GcmSha256,
            "feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525" +
            "b16aedf5aa0de657ba637b39",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05" +
            "1ba30b396a0aac973d58e091" +
            "5bc94fbc3221a5db94fae95ae7121a47"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 13 (AES-256, empty input).
        {
            TigressSuiteId.Aes256GcmSha384,
            "0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "",
            "530f8afbc74536b9a963b4f1c4cb738b"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 14 (AES-256, one zero block).
        {
            TigressSuiteId.Aes256GcmSha384,
            "0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "00000000000000000000000000000000",
            "cea7403d4d606b6e074ec5d3baf39d18" +
            "d0d1c8a799996bf0265b98b5d48ab919"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 15 (AES-256, four blocks, no AAD).
        {
            TigressSuiteId.Aes256GcmSha384,
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525" +
            "b16aedf5aa0de657ba637b391aafd255",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838" +
            "c5f61e6393ba7a0abcc9f662898015ad" +
            "b094dac5d93471bdec1a502270e3cc6c"
        },

        // McGrew and Viega, GCM specification, appendix B, Test Case 16 (AES-256, 60 bytes, 20 bytes of AAD).
        {
            TigressSuiteId.Aes256GcmSha384,
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525" +
            "b16aedf5aa0de657ba637b39",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838" +
            "c5f61e6393ba7a0abcc9f662" +
            "76fc6ece0f4e1768cddf8853bb2d551b"
        },
    };
}
