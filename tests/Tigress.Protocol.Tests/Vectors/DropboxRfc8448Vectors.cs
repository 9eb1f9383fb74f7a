namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// HKDF-Expand-Label known answers from RFC 8448 ("Example Handshake Traces for TLS 1.3") section 3, the simple 1-RTT
/// handshake (TLS_AES_128_GCM_SHA256, so SHA-256). Each entry names the step of the trace it comes from. Hex strings.
/// </summary>
public static class DropboxRfc8448Vectors
{
    private const string EarlySecret = "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a";
    private const string HandshakeSecret = "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac";
    private const string MasterSecret = "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919";
    private const string ClientHandshakeTrafficSecret = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";
    private const string ServerHandshakeTrafficSecret = "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";
    private const string ServerApplicationTrafficSecret = "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643";

    // Transcript hashes of the trace: of no messages, of ClientHello..ServerHello, of ClientHello..server Finished.
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string HelloHash = "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8";
    private const string ServerFinishedHash = "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13";

    /// <summary>(secret, label without the "tls13 " prefix, context, length, expected output).</summary>
    public static TheoryData<string, string, string, int, string> ExpandLabel { get; } = new()
    {
        // RFC 8448 section 3, {server} derive secret for handshake "tls13 derived".
        { EarlySecret, "derived", EmptyHash, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba" },

        // RFC 8448 section 3, {server} derive secret "tls13 c hs traffic".
        { HandshakeSecret, "c hs traffic", HelloHash, 32, ClientHandshakeTrafficSecret },

        // RFC 8448 section 3, {server} derive secret "tls13 s hs traffic".
        { HandshakeSecret, "s hs traffic", HelloHash, 32, ServerHandshakeTrafficSecret },

        // RFC 8448 section 3, {server} derive secret for master "tls13 derived".
        { HandshakeSecret, "derived", EmptyHash, 32, "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4" },

        // RFC 8448 section 3, {server} derive write traffic keys for handshake data (key, then iv).
        { ServerHandshakeTrafficSecret, "key", "", 16, "3fce516009c21727d0f2e4e86ee403bc" },
        { ServerHandshakeTrafficSecret, "iv", "", 12, "5d313eb2671276ee13000b30" },

        // RFC 8448 section 3, {server} derive read traffic keys for handshake data (key, then iv).
        { ClientHandshakeTrafficSecret, "key", "", 16, "dbfaa693d1762c5b666af5d950258d01" },
        { ClientHandshakeTrafficSecret, "iv", "", 12, "5bd3c71b836e0b76bb73265f" },

        // RFC 8448 section 3, {server} calculate finished "tls13 finished" (finished key).
        { ServerHandshakeTrafficSecret, "finished", "", 32, "008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8" },

        // RFC 8448 section 3, {client} calculate finished "tls13 finished" (finished key).
        { ClientHandshakeTrafficSecret, "finished", "", 32, "b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4" },

        // RFC 8448 section 3, {server} derive secret "tls13 c ap traffic".
        { MasterSecret, "c ap traffic", ServerFinishedHash, 32, "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5" },

        // RFC 8448 section 3, {server} derive secret "tls13 s ap traffic".
        { MasterSecret, "s ap traffic", ServerFinishedHash, 32, ServerApplicationTrafficSecret },

        // RFC 8448 section 3, {server} derive secret "tls13 exp master".
        { MasterSecret, "exp master", ServerFinishedHash, 32, "fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50" },

        // RFC 8448 section 3, {server} derive write traffic keys for application data (key, then iv).
        { ServerApplicationTrafficSecret, "key", "", 16, "9f02283b6c9c07efc26bb9f2ac92e356" },
        { ServerApplicationTrafficSecret, "iv", "", 12, "cf782b88dd83549aadf1e984" },
    };

    /// <summary>(label without prefix, context, length, the encoded HkdfLabel that the trace prints as "info").</summary>
    public static TheoryData<string, string, int, string> HkdfLabelInfo { get; } = new()
    {
        // RFC 8448 section 3, {server} derive secret "tls13 c hs traffic", info (54 octets).
        {
            "c hs traffic", HelloHash, 32,
            "002012746c7331332063206873207472616666696320860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8"
        },

        // RFC 8448 section 3, {server} derive secret "tls13 s hs traffic", info (54 octets).
        {
            "s hs traffic", HelloHash, 32,
            "002012746c7331332073206873207472616666696320860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8"
        },

        // RFC 8448 section 3, {server} derive write traffic keys for handshake data, key info (13 octets).
        { "key", "", 16, "001009746c733133206b657900" },

        // RFC 8448 section 3, {server} derive write traffic keys for handshake data, iv info (12 octets).
        { "iv", "", 12, "000c08746c73313320697600" },

        // RFC 8448 section 3, {client} calculate finished "tls13 finished", info (18 octets).
        { "finished", "", 32, "00200e746c7331332066696e697368656400" },
    };
}
