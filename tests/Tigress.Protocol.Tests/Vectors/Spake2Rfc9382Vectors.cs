namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// SPAKE2 known answers from RFC 9382 appendix B ("Test Vectors"), ciphersuite SPAKE2-P256-SHA256-HKDF-HMAC. The RFC
/// gives w, x and y directly (no password hashing), uses no associated data, and encodes every point uncompressed.
/// Each vector is named after its identities. Hex strings.
/// </summary>
public static class Spake2Rfc9382Vectors
{
    /// <summary>RFC 9382 section 6, P-256: M as a compressed SEC1 point.</summary>
    public const string MCompressed = "02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f";

    /// <summary>RFC 9382 section 6, P-256: N as a compressed SEC1 point.</summary>
    public const string NCompressed = "03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49";

    private static readonly Vector[] s_vectors =
    [
        // RFC 9382 appendix B, spake2: A='server', B='client'.
        new(
            A: "server",
            B: "client",
            W: "2ee57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f",
            X: "43dd0fd7215bdcb482879fca3220c6a968e66d70b1356cac18bb26c84a78d729",
            Y: "dcb60106f276b02606d8ef0a328c02e4b629f84f89786af5befb0bc75b6e66be",
            PA: "04"
                + "a56fa807caaa53a4d28dbb9853b9815c61a411118a6fe516a8798434751470f9"
                + "010153ac33d0d5f2047ffdb1a3e42c9b4e6be662766e1eeb4116988ede5f912c",
            PB: "04"
                + "06557e482bd03097ad0cbaa5df82115460d951e3451962f1eaf4367a420676d0"
                + "9857ccbc522686c83d1852abfa8ed6e4a1155cf8f1543ceca528afb591a1e0b7",
            K: "04"
                + "12af7e89717850671913e6b469ace67bd90a4df8ce45c2af19010175e37eed69"
                + "f75897996d539356e2fa6a406d528501f907e04d97515fbe83db277b715d3325",
            TT: "06000000000000007365727665720600000000000000636c69656e7441000000"
                + "0000000004a56fa807caaa53a4d28dbb9853b9815c61a411118a6fe516a87984"
                + "34751470f9010153ac33d0d5f2047ffdb1a3e42c9b4e6be662766e1eeb411698"
                + "8ede5f912c41000000000000000406557e482bd03097ad0cbaa5df82115460d9"
                + "51e3451962f1eaf4367a420676d09857ccbc522686c83d1852abfa8ed6e4a115"
                + "5cf8f1543ceca528afb591a1e0b741000000000000000412af7e897178506719"
                + "13e6b469ace67bd90a4df8ce45c2af19010175e37eed69f75897996d539356e2"
                + "fa6a406d528501f907e04d97515fbe83db277b715d332520000000000000002e"
                + "e57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f",
            Ke: "0e0672dc86f8e45565d338b0540abe69",
            Ka: "15bdf72e2b35b5c9e5663168e960a91b",
            KcA: "00c12546835755c86d8c0db7851ae86f",
            KcB: "a9fa3406c3b781b93d804485430ca27a",
            CA: "58ad4aa88e0b60d5061eb6b5dd93e80d9c4f00d127c65b3b35b1b5281fee38f0",
            CB: "d3e2e547f1ae04f2dbdbf0fc4b79f8ecff2dff314b5d32fe9fcef2fb26dc459b"),

        // RFC 9382 appendix B, spake2: A='', B='client'.
        new(
            A: "",
            B: "client",
            W: "0548d8729f730589e579b0475a582c1608138ddf7054b73b5381c7e883e2efae",
            X: "403abbe3b1b4b9ba17e3032849759d723939a27a27b9d921c500edde18ed654b",
            Y: "903023b6598908936ea7c929bd761af6039577a9c3f9581064187c3049d87065",
            PA: "04"
                + "a897b769e681c62ac1c2357319a3d363f610839c4477720d24cbe32f5fd85f44"
                + "fb92ba966578c1b712be6962498834078262caa5b441ecfa9d4a9485720e918a",
            PB: "04"
                + "e0f816fd1c35e22065d5556215c097e799390d16661c386e0ecc84593974a61b"
                + "881a8c82327687d0501862970c64565560cb5671f696048050ca66ca5f8cc7fc",
            K: "04"
                + "8f83ec9f6e4f87cc6f9dc740bdc2769725f923364f01c84148c049a39a735ebd"
                + "a82eac03e00112fd6a5710682767cff5361f7e819e53d8d3c3a2922e0d837aa6",
            TT: "00000000000000000600000000000000636c69656e74410000000000000004a8"
                + "97b769e681c62ac1c2357319a3d363f610839c4477720d24cbe32f5fd85f44fb"
                + "92ba966578c1b712be6962498834078262caa5b441ecfa9d4a9485720e918a41"
                + "0000000000000004e0f816fd1c35e22065d5556215c097e799390d16661c386e"
                + "0ecc84593974a61b881a8c82327687d0501862970c64565560cb5671f6960480"
                + "50ca66ca5f8cc7fc4100000000000000048f83ec9f6e4f87cc6f9dc740bdc276"
                + "9725f923364f01c84148c049a39a735ebda82eac03e00112fd6a5710682767cf"
                + "f5361f7e819e53d8d3c3a2922e0d837aa620000000000000000548d8729f7305"
                + "89e579b0475a582c1608138ddf7054b73b5381c7e883e2efae",
            Ke: "642f05c473c2cd79909f9a841e2f30a7",
            Ka: "0bf89b18180af97353ba198789c2b963",
            KcA: "c6be376fc7cd1301fd0a13adf3e7bffd",
            KcB: "b7243f4ae60440a49b3f8cab3c1fba07",
            CA: "47d29e6666af1b7dd450d571233085d7a9866e4d49d2645e2df975489521232b",
            CB: "3313c5cefc361d27fb16847a91c2a73b766ffa90a4839122a9b70a2f6bd1d6df"),

        // RFC 9382 appendix B, spake2: A='server', B=''.
        new(
            A: "server",
            B: "",
            W: "626e0cdc7b14c9db3e52a0b1b3a768c98e37852d5db30febe0497b14eae8c254",
            X: "07adb3db6bc623d3399726bfdbfd3d15a58ea776ab8a308b00392621291f9633",
            Y: "b6a4fc8dbb629d4ba51d6f91ed1532cf87adec98f25dd153a75accafafedec16",
            PA: "04"
                + "f88fb71c99bfffaea370966b7eb99cd4be0ff1a7d335caac4211c4afd855e2e1"
                + "5a873b298503ad8ba1d9cbb9a392d2ba309b48bfd7879aefd0f2cea6009763b0",
            PB: "04"
                + "0c269d6be017dccb15182ac6bfcd9e2a14de019dd587eaf4bdfd353f031101e7"
                + "cca177f8eb362a6e83e7d5e729c0732e1b528879c086f39ba0f31a9661bd34db",
            K: "04"
                + "45ee233b8ecb51ebd6e7da3f307e88a1616bae2166121221fdc0dadb986afaf3"
                + "ec8a988dc9c626fa3b99f58a7ca7c9b844bb3e8dd9554aafc5b53813504c1cbe",
            TT: "06000000000000007365727665720000000000000000410000000000000004f8"
                + "8fb71c99bfffaea370966b7eb99cd4be0ff1a7d335caac4211c4afd855e2e15a"
                + "873b298503ad8ba1d9cbb9a392d2ba309b48bfd7879aefd0f2cea6009763b041"
                + "00000000000000040c269d6be017dccb15182ac6bfcd9e2a14de019dd587eaf4"
                + "bdfd353f031101e7cca177f8eb362a6e83e7d5e729c0732e1b528879c086f39b"
                + "a0f31a9661bd34db41000000000000000445ee233b8ecb51ebd6e7da3f307e88"
                + "a1616bae2166121221fdc0dadb986afaf3ec8a988dc9c626fa3b99f58a7ca7c9"
                + "b844bb3e8dd9554aafc5b53813504c1cbe2000000000000000626e0cdc7b14c9"
                + "db3e52a0b1b3a768c98e37852d5db30febe0497b14eae8c254",
            Ke: "005184ff460da2ce59062c87733c299c",
            Ka: "3521297d736598fc0a1127600efa1afb",
            KcA: "f3da53604f0aeecea5a33be7bddf6edf",
            KcB: "9e3f86848736f159bd92b6e107ec6799",
            CA: "bc9f9bbe99f26d0b2260e6456e05a86196a3307ec6663a18bf6ac825736533b2",
            CB: "c2370e1bf813b086dff0d834e74425a06e6390f48f5411900276dcccc5a297ec"),

        // RFC 9382 appendix B, spake2: A='', B=''.
        new(
            A: "",
            B: "",
            W: "7bf46c454b4c1b25799527d896508afd5fc62ef4ec59db1efb49113063d70cca",
            X: "8cef65df64bb2d0f83540c53632de911b5b24b3eab6cc74a97609fd659e95473",
            Y: "d7a66f64074a84652d8d623a92e20c9675c61cb5b4f6a0063e4648a2fdc02d53",
            PA: "04"
                + "a65b367a3f613cf9f0654b1b28a1e3a8a40387956c8ba6063e8658563890f46c"
                + "a1ef6a676598889fc28de2950ab8120b79a5ef1ea4c9f44bc98f585634b46d66",
            PB: "04"
                + "589f13218822710d98d8b2123a079041052d9941b9cf88c6617ddb2fcc049466"
                + "2eea8ba6b64692dc318250030c6af045cb738bc81ba35b043c3dcb46adf6f58d",
            K: "04"
                + "1a3c03d51b452537ca2a1fea6110353c6d5ed483c4f0f86f4492ca3f378d40a9"
                + "94b4477f93c64d928edbbcd3e85a7c709b7ea73ee97986ce3d1438e135543772",
            TT: "00000000000000000000000000000000410000000000000004a65b367a3f613c"
                + "f9f0654b1b28a1e3a8a40387956c8ba6063e8658563890f46ca1ef6a67659888"
                + "9fc28de2950ab8120b79a5ef1ea4c9f44bc98f585634b46d6641000000000000"
                + "0004589f13218822710d98d8b2123a079041052d9941b9cf88c6617ddb2fcc04"
                + "94662eea8ba6b64692dc318250030c6af045cb738bc81ba35b043c3dcb46adf6"
                + "f58d4100000000000000041a3c03d51b452537ca2a1fea6110353c6d5ed483c4"
                + "f0f86f4492ca3f378d40a994b4477f93c64d928edbbcd3e85a7c709b7ea73ee9"
                + "7986ce3d1438e13554377220000000000000007bf46c454b4c1b25799527d896"
                + "508afd5fc62ef4ec59db1efb49113063d70cca",
            Ke: "fc6374762ba5cf11f4b2caa08b2cd1b9",
            Ka: "907ae0e26e8d6234318d91583cd74c86",
            KcA: "5dbd2f477166b7fb6d61febbd77a5563",
            KcB: "7689b4654407a5faeffdc8f18359d8a3",
            CA: "dfb4db8d48ae5a675963ea5e6c19d98d4ea028d8e898dad96ea19a80ade95dca",
            CB: "d0f0609d1613138d354f7e95f19fb556bf52d751947241e8c7118df5ef0ae175"),
    ];

    /// <summary>(A, B, w, x, y, pA, pB): the shares each side sends.</summary>
    public static TheoryData<string, string, string, string, string, string, string> Shares { get; } = Build(
        static (data, v) => data.Add(v.A, v.B, v.W, v.X, v.Y, v.PA, v.PB),
        new TheoryData<string, string, string, string, string, string, string>());

    /// <summary>(w, x, y, pA, pB, K): the shared element, which both sides compute.</summary>
    public static TheoryData<string, string, string, string, string, string> SharedPoints { get; } = Build(
        static (data, v) => data.Add(v.W, v.X, v.Y, v.PA, v.PB, v.K),
        new TheoryData<string, string, string, string, string, string>());

    /// <summary>(A, B, pA, pB, K, w, TT): the transcript.</summary>
    public static TheoryData<string, string, string, string, string, string, string> Transcripts { get; } = Build(
        static (data, v) => data.Add(v.A, v.B, v.PA, v.PB, v.K, v.W, v.TT),
        new TheoryData<string, string, string, string, string, string, string>());

    /// <summary>(TT, Ke, Ka, KcA, KcB, cA, cB): the key schedule and the confirmation messages ("A conf", "B conf").</summary>
    public static TheoryData<string, string, string, string, string, string, string> KeySchedules { get; } = Build(
        static (data, v) => data.Add(v.TT, v.Ke, v.Ka, v.KcA, v.KcB, v.CA, v.CB),
        new TheoryData<string, string, string, string, string, string, string>());

    /// <summary>(A, B, w, x, y, Ke, cA, cB): a whole run, from the inputs to what each side sends and keeps.</summary>
    public static TheoryData<string, string, string, string, string, string, string, string> Runs { get; } = Build(
        static (data, v) => data.Add(v.A, v.B, v.W, v.X, v.Y, v.Ke, v.CA, v.CB),
        new TheoryData<string, string, string, string, string, string, string, string>());

    private static TData Build<TData>(Action<TData, Vector> add, TData data)
    {
        foreach (Vector vector in s_vectors)
        {
            add(data, vector);
        }

        return data;
    }

    private sealed record Vector(
        string A,
        string B,
        string W,
        string X,
        string Y,
        string PA,
        string PB,
        string K,
        string TT,
        string Ke,
        string Ka,
        string KcA,
        string KcB,
        string CA,
        string CB);
}
