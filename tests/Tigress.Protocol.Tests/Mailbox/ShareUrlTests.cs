using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Tests.Mailbox;

public sealed class ShareUrlTests
{
    // 16 bytes whose standard base64 needs '/' and padding: ABEiM0RVZneImaq7zN3u/w==
    private static readonly byte[] s_key16 = Convert.FromHexString("00112233445566778899aabbccddeeff");
    private const string Key16Url = "ABEiM0RVZneImaq7zN3u_w";
    private const string Key16Standard = "ABEiM0RVZneImaq7zN3u/w==";

    [Theory]
    [InlineData(PayloadAlgorithm.Aes128Gcm, ShareVertical.GeneralAccess, false)]
    [InlineData(PayloadAlgorithm.Aes256Gcm, ShareVertical.CarKey, true)]
    [InlineData(PayloadAlgorithm.Aes128Gcm, ShareVertical.HomeKey, false)]
    public void Create_ThenParse_RoundTrips(PayloadAlgorithm algorithm, ShareVertical vertical, bool pin)
    {
        using var key = ShareKey.Generate(algorithm);
        using var created = ShareUrl.Create(new Uri("https://relay.example/v1/m/5f0e8a8e-1b7c-4d7c-9a47-3a9f3e1b2c4d"), key, vertical, pin);

        using var parsed = ShareUrl.Parse(created.GetLink());

        Assert.Equal(created.MailboxUri, parsed.MailboxUri);
        Assert.Equal("5f0e8a8e-1b7c-4d7c-9a47-3a9f3e1b2c4d", parsed.MailboxId);
        Assert.Equal(vertical, parsed.Vertical);
        Assert.Equal(pin, parsed.RequiresPin);
        Assert.Equal(key.Export(), parsed.Key.Export());
    }

    [Fact]
    public void GetLink_WritesShapeOfSection23()
    {
        using var key = ShareKey.Import(s_key16);
        using var url = ShareUrl.Create(new Uri("https://relay.example/v1/m/abc"), key, ShareVertical.CarKey, requiresPin: true);

        Assert.Equal("https://relay.example/v1/m/abc?v=c&p=1#" + Key16Url, url.GetLink());
    }

    [Theory]
    [InlineData(PinProtection.None, "")]
    [InlineData(PinProtection.Spake2, "&p=1")]
    [InlineData(PinProtection.RelayAssisted, "&p=2")]
    public void Pin_WrittenAsP_AndReadBack(PinProtection pin, string parameter)
    {
        using var key = ShareKey.Import(s_key16);
        using var url = ShareUrl.Create(new Uri("https://relay.example/v1/m/abc"), key, ShareVertical.GeneralAccess, pin);

        using var parsed = ShareUrl.Parse(url.GetLink());

        Assert.Equal("https://relay.example/v1/m/abc?v=a" + parameter + "#" + Key16Url, url.GetLink());
        Assert.Equal(pin, parsed.Pin);
        Assert.Equal(pin != PinProtection.None, parsed.RequiresPin);
        Assert.DoesNotContain(Key16Url, parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Key16Url)]
    [InlineData(Key16Standard)]
    [InlineData("ABEiM0RVZneImaq7zN3u%2Fw%3D%3D")]
    [InlineData("ABEiM0RVZneImaq7zN3u_w==")]
    public void Parse_Base64UrlOrPaddedStandard_ReadsSameKey(string secret)
    {
        using var url = ShareUrl.Parse("https://relay.example/v1/m/abc?v=a#" + secret);

        Assert.Equal(s_key16, url.Key.Export());
    }

    [Fact]
    public void Parse_32ByteSecret_IsAes256()
    {
        var secret = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

        using var url = ShareUrl.Parse("https://relay.example/v1/m/abc#" + secret);

        Assert.Equal(PayloadAlgorithm.Aes256Gcm, url.Key.Algorithm);
    }

    [Fact]
    public void Parse_MailboxUri_HasNoQueryOrFragmentAndKeepsPathPrefix()
    {
        using var url = ShareUrl.Parse("https://relay.example:8443/tigress/v1/m/abc?v=h&x=1#" + Key16Url);

        Assert.Equal("https://relay.example:8443/tigress/v1/m/abc", url.MailboxUri.AbsoluteUri);
        Assert.Empty(url.MailboxUri.Query);
        Assert.Empty(url.MailboxUri.Fragment);
        Assert.Equal(ShareVertical.HomeKey, url.Vertical);
    }

    [Fact]
    public void Parse_NoVertical_DefaultsToGeneralAccess()
    {
        using var url = ShareUrl.Parse("https://relay.example/v1/m/abc#" + Key16Url);

        Assert.Equal(ShareVertical.GeneralAccess, url.Vertical);
        Assert.False(url.RequiresPin);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/m/abc")]
    [InlineData("http://localhost:5000/v1/m/abc")]
    [InlineData("http://[::1]:5000/v1/m/abc")]
    public void Parse_PlainHttpToLoopback_IsAccepted(string mailbox)
    {
        using var url = ShareUrl.Parse(mailbox + "?v=a#" + Key16Url);

        Assert.Equal(mailbox, url.MailboxUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("not a url", ProtocolErrorCodes.MalformedUrl)]
    [InlineData("/v1/m/abc#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("ftp://relay.example/v1/m/abc#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("http://relay.example/v1/m/abc#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("http://localhost.evil.example/v1/m/abc#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://user:pw@relay.example/v1/m/abc#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/x/abc#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/a%2Fb#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/abc/more#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/abc?v=x#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/abc?v=a&v=c#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/abc?p=3#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/abc?p=1&p=2#" + Key16Url, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/abc?v=a", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc?v=a#", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u_w_w", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u/w", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZne+maq7zN3u_w==", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u!w", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RV%20ZneImaq7zN3u_w", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u_w===", ProtocolErrorCodes.InvalidSecret)]
    public void Parse_Malformed_ThrowsTypedError(string input, string code)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => ShareUrl.Parse(input));

        Assert.Equal(code, exception.ErrorCode);
        Assert.False(ShareUrl.TryParse(input, out _));
    }

    [Theory]
    [InlineData("https://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u")]
    [InlineData("http://relay.example/v1/m/abc#ABEiM0RVZneImaq7zN3u_w")]
    [InlineData("https://relay.example/v1/x/abc#ABEiM0RVZneImaq7zN3u_w")]
    public void Parse_Malformed_MessageNeverQuotesTheSecret(string input)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => ShareUrl.Parse(input));

        Assert.DoesNotContain("ABEiM0RV", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("relay.example", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RedactsSecret()
    {
        using var url = ShareUrl.Parse("https://relay.example/v1/m/abc?v=c#" + Key16Url);

        Assert.DoesNotContain(Key16Url, url.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://relay.example/v1/m/abc", url.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CopiesKey_SoDisposingTheOriginalDoesNotAffectIt()
    {
        var key = ShareKey.Import(s_key16);
        using var url = ShareUrl.Create(new Uri("https://relay.example/v1/m/abc"), key);

        key.Dispose();

        Assert.Equal(s_key16, url.Key.Export());
    }

    [Fact]
    public void Dispose_ClearsKey()
    {
        var url = ShareUrl.Parse("https://relay.example/v1/m/abc#" + Key16Url);

        url.Dispose();

        Assert.Throws<ObjectDisposedException>(() => url.GetLink());
    }

    [Theory]
    [InlineData("https://relay.example/v1/m/abc?v=a")]
    [InlineData("https://relay.example/v1/m/abc#frag")]
    [InlineData("https://relay.example/somewhere/else")]
    public void Create_NotAMailboxRequestUrl_ThrowsArgumentException(string mailbox)
    {
        using var key = ShareKey.Generate();

        var exception = Assert.Throws<ArgumentException>(() => ShareUrl.Create(new Uri(mailbox), key));

        Assert.Equal("mailboxUri", exception.ParamName);
    }

    [Fact]
    public void Create_PlainHttpToRemoteHost_ThrowsArgumentException()
    {
        using var key = ShareKey.Generate();

        var exception = Assert.Throws<ArgumentException>(() => ShareUrl.Create(new Uri("http://relay.example/v1/m/abc"), key));

        Assert.Equal("mailboxUri", exception.ParamName);
    }

    [Fact]
    public void Create_NullKey_ThrowsArgumentNull()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => ShareUrl.Create(new Uri("https://relay.example/v1/m/abc"), null!));

        Assert.Equal("key", exception.ParamName);
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrowsAnythingButProtocolException()
    {
        var random = new Random(1234);
        const string alphabet = "htps:/?#&=%v1mabcABC-_+.0123456789[]@ ";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var input = (random.Next(2) == 0 ? "https://r/v1/m/x" : string.Empty) + new string(chars);
            try
            {
                ShareUrl.Parse(input).Dispose();
            }
            catch (TigressProtocolException)
            {
            }
        }
    }
}
