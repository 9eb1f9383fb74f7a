namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// AES-GCM known-answer vectors with a 96-bit IV and a 128-bit tag, as hex:
/// key, IV, plaintext, additional data, ciphertext, tag.
/// </summary>
public static class AesGcmVectors
{
    public static TheoryData<string, string, string, string, string, string, string> Aes128 => new()
    {
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 1",
            "00000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "",
            "",
            "58e2fccefa7e3061367f1d57a4e7455a"
        },
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 2",
            "00000000000000000000000000000000",
            "000000000000000000000000",
            "00000000000000000000000000000000",
            "",
            "0388dace60b6a392f328c2b971b2fe78",
            "ab6e47d42cec13bdf53a67b21257bddf"
        },
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 3",
            "feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4"
        },
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 4",
            "feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47"
        },
    };

    public static TheoryData<string, string, string, string, string, string, string> Aes256 => new()
    {
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 13",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "",
            "",
            "530f8afbc74536b9a963b4f1c4cb738b"
        },
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 14",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000",
            "00000000000000000000000000000000",
            "",
            "cea7403d4d606b6e074ec5d3baf39d18",
            "d0d1c8a799996bf0265b98b5d48ab919"
        },
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 15",
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c"
        },
        {
            "McGrew-Viega GCM spec, Appendix B, Test Case 16",
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b"
        },
        {
            "NIST CAVP gcmEncryptExtIV256.rsp, Keylen 256, IVlen 96, PTlen 128, AADlen 160, Taglen 128",
            "83688deb4af8007f9b713b47cfa6c73e35ea7a3aa4ecdb414dded03bf7a0fd3a",
            "0b459724904e010a46901cf3",
            "33d893a2114ce06fc15d55e454cf90c3",
            "794a14ccd178c8ebfd1379dc704c5e208f9d8424",
            "cc66bee423e3fcd4c0865715e9586696",
            "0fb291bd3dba94a1dfd8b286cfb97ac5"
        },
    };
}
