using System.Security.Cryptography;
using System.Text;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Dropbox;

public sealed class TlsHkdfTests
{
    [Theory]
    [MemberData(nameof(DropboxRfc8448Vectors.ExpandLabel), MemberType = typeof(DropboxRfc8448Vectors))]
    public void ExpandLabel_Rfc8448Trace_MatchesVector(string secret, string label, string context, int length, string expected)
    {
        byte[] output = new byte[length];

        TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, Convert.FromHexString(secret), Encoding.ASCII.GetBytes(label), Convert.FromHexString(context), output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(DropboxRfc8448Vectors.HkdfLabelInfo), MemberType = typeof(DropboxRfc8448Vectors))]
    public void WriteHkdfLabel_Rfc8448Trace_MatchesInfo(string label, string context, int length, string expected)
    {
        byte[] labelBytes = Encoding.ASCII.GetBytes(label);
        byte[] contextBytes = Convert.FromHexString(context);
        byte[] info = new byte[TlsHkdf.GetHkdfLabelLength(labelBytes.Length, contextBytes.Length)];

        int written = TlsHkdf.WriteHkdfLabel(length, labelBytes, contextBytes, info);

        Assert.Equal(info.Length, written);
        Assert.Equal(expected, Convert.ToHexStringLower(info));
    }

    [Theory]
    [InlineData("SHA256", 32)]
    [InlineData("SHA256", 100)]
    [InlineData("SHA384", 48)]
    [InlineData("SHA384", 200)]
    public void Expand_FullLengthPrk_MatchesPlatformHkdf(string hash, int length)
    {
        var hashAlgorithm = new HashAlgorithmName(hash);
        byte[] prk = RandomNumberGenerator.GetBytes(hash == "SHA256" ? 32 : 48);
        byte[] info = RandomNumberGenerator.GetBytes(40);
        byte[] ours = new byte[length];
        byte[] platform = new byte[length];

        TlsHkdf.Expand(hashAlgorithm, prk, info, ours);
        HKDF.Expand(hashAlgorithm, prk, platform, info);

        Assert.Equal(platform, ours);
    }

    [Fact]
    public void Expand_MaximumLength_Succeeds()
    {
        byte[] output = new byte[255 * 32];

        TlsHkdf.Expand(HashAlgorithmName.SHA256, new byte[32], default, output);

        Assert.Contains(output, b => b != 0);
    }

    [Fact]
    public void Expand_PastMaximumLength_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => TlsHkdf.Expand(HashAlgorithmName.SHA256, new byte[32], default, new byte[(255 * 32) + 1]));

        Assert.Equal("output", ex.ParamName);
    }

    [Fact]
    public void ExpandLabel_EmptyLabel_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, new byte[32], default, default, new byte[32]));

        Assert.Equal("label", ex.ParamName);
    }

    [Fact]
    public void ExpandLabel_LabelPastWireLimit_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, new byte[32], new byte[TlsHkdf.MaxLabelLength + 1], default, new byte[32]));

        Assert.Equal("label", ex.ParamName);
    }

    [Fact]
    public void ExpandLabel_ContextPastWireLimit_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, new byte[32], "Key"u8, new byte[256], new byte[32]));

        Assert.Equal("context", ex.ParamName);
    }

    [Fact]
    public void ExpandLabel_LongestLabelAndContext_Succeeds()
    {
        byte[] output = new byte[32];

        TlsHkdf.ExpandLabel(HashAlgorithmName.SHA384, new byte[32], new byte[TlsHkdf.MaxLabelLength], new byte[TlsHkdf.MaxContextLength], output);

        Assert.Contains(output, b => b != 0);
    }
}
