using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Tests.Mailbox;

public sealed class ShareKeyTests
{
    [Theory]
    [InlineData(PayloadAlgorithm.Aes128Gcm, 16)]
    [InlineData(PayloadAlgorithm.Aes256Gcm, 32)]
    public void Generate_Algorithm_HasMatchingSize(PayloadAlgorithm algorithm, int size)
    {
        using var key = ShareKey.Generate(algorithm);

        Assert.Equal(size, key.Size);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.NotEqual(new byte[size], key.Export());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(24)]
    [InlineData(33)]
    public void Import_WrongLength_ThrowsArgumentException(int size)
    {
        var exception = Assert.Throws<ArgumentException>(() => ShareKey.Import(new byte[size]));

        Assert.Equal("key", exception.ParamName);
        Assert.False(ShareKey.TryImport(new byte[size], out _));
    }

    [Fact]
    public void Import_CopiesTheBytes()
    {
        var bytes = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        using var key = ShareKey.Import(bytes);
        bytes[0] = 99;

        Assert.Equal(1, key.Export()[0]);
    }

    [Fact]
    public void TryExport_ShortDestination_ReturnsFalse()
    {
        using var key = ShareKey.Generate(PayloadAlgorithm.Aes256Gcm);

        Assert.False(key.TryExport(new byte[31], out var written));
        Assert.Equal(0, written);
        Assert.True(key.TryExport(new byte[32], out written));
        Assert.Equal(32, written);
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var key = ShareKey.Generate();

        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Export());
    }

    [Fact]
    public void ToString_DoesNotRevealKey()
    {
        using var key = ShareKey.Import(Convert.FromHexString("00112233445566778899aabbccddeeff"));

        var text = key.ToString();

        Assert.DoesNotContain("0011", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ABEiM0RV", text, StringComparison.Ordinal);
    }
}
