using System.Text.RegularExpressions;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Tests.Dropbox;

public sealed class DropboxInvitationTests
{
    // R = 00 01 02 ... 1f in base64url without padding.
    private const string SecretText = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private const string Base = "https://dropbox.example/tigress/";
    private const string Valid = Base + "#v=1&s=1301&r=" + SecretText;

    public static TheoryData<string, string> MalformedInvitations { get; } = new()
    {
        // The base URL.
        { "", ProtocolErrorCodes.MalformedUrl },
        { "not a url", ProtocolErrorCodes.MalformedUrl },
        { "/tigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "tigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "ftp://dropbox.example/tigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "file:///srv/tigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example/tigress#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example/tigress/?a=/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example/?/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://user:password@dropbox.example/tigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https:///#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { " " + Valid, ProtocolErrorCodes.MalformedUrl },
        { Valid + " ", ProtocolErrorCodes.MalformedUrl },
        { Valid + "\n", ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example/tig ress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https:\\\\dropbox.example\\tigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example/tigress\\#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { "https://dropbox.example/\ttigress/#v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=1301&r=" + SecretText + new string('A', DropboxInvitation.MaxLength), ProtocolErrorCodes.MalformedUrl },

        // The fragment's shape.
        { Base, DropboxErrorCodes.MissingParameter },
        { Base + "#", DropboxErrorCodes.MissingParameter },
        { Base + "#v=1&s=1301&r=" + SecretText + "&", ProtocolErrorCodes.MalformedUrl },
        { Base + "#&v=1&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&&s=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&=1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1;s=1301;r=" + SecretText, DropboxErrorCodes.UnsupportedVersion },

        // Missing, duplicate and unknown parameters.
        { Base + "#s=1301&r=" + SecretText, DropboxErrorCodes.MissingParameter },
        { Base + "#v=1&r=" + SecretText, DropboxErrorCodes.MissingParameter },
        { Base + "#v=1&s=1301", DropboxErrorCodes.MissingParameter },
        { Base + "#v=1&v=1&s=1301&r=" + SecretText, DropboxErrorCodes.DuplicateParameter },
        { Base + "#v=1&s=1301&s=1301&r=" + SecretText, DropboxErrorCodes.DuplicateParameter },
        { Base + "#v=1&s=1301&r=" + SecretText + "&r=" + SecretText, DropboxErrorCodes.DuplicateParameter },
        { Base + "#v=1&s=1301&r=" + SecretText + "&q=1", DropboxErrorCodes.UnknownParameter },
        { Base + "#V=1&s=1301&r=" + SecretText, DropboxErrorCodes.MissingParameter },
        { Base + "#v=1&S=1301&r=" + SecretText, DropboxErrorCodes.UnknownParameter },

        // The version.
        { Base + "#v=2&s=1301&r=" + SecretText, DropboxErrorCodes.UnsupportedVersion },
        { Base + "#v=0&s=1301&r=" + SecretText, DropboxErrorCodes.UnsupportedVersion },
        { Base + "#v=01&s=1301&r=" + SecretText, DropboxErrorCodes.UnsupportedVersion },
        { Base + "#v=&s=1301&r=" + SecretText, DropboxErrorCodes.UnsupportedVersion },
        { Base + "#v=2&x=new&y=new", DropboxErrorCodes.UnsupportedVersion },

        // The suite.
        { Base + "#v=1&s=1304&r=" + SecretText, ProtocolErrorCodes.UnsupportedAlgorithm },
        { Base + "#v=1&s=0000&r=" + SecretText, ProtocolErrorCodes.UnsupportedAlgorithm },
        { Base + "#v=1&s=c02f&r=" + SecretText, ProtocolErrorCodes.UnsupportedAlgorithm },
        { Base + "#v=1&s=&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=131&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=01301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=0x1301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=13g1&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=+301&r=" + SecretText, ProtocolErrorCodes.MalformedUrl },
        { Base + "#v=1&s=4865&r=" + SecretText, ProtocolErrorCodes.UnsupportedAlgorithm },

        // The secret.
        { Base + "#v=1&s=1301&r=", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText[..42], ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText + "A", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText + "=", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText[..42] + "9", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText[..42] + "+", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText[..41] + "/8", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText[..40] + "%2D8", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText + "#", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + "AAECAwQFBgcICQoLDA0ODxAREhMUFRY", ProtocolErrorCodes.InvalidSecret },
        { Base + "#v=1&s=1301&r=" + SecretText + SecretText, ProtocolErrorCodes.InvalidSecret },
    };

    [Fact]
    public void Create_DefaultSuite_UsesDefaultSuiteAndFreshSecret()
    {
        using var first = DropboxInvitation.Create(new Uri(Base));
        using var second = DropboxInvitation.Create(new Uri(Base));

        Assert.Same(TigressSuite.Default, first.Suite);
        Assert.Equal(DropboxInvitation.SecretLength, first.Secret.Length);
        Assert.False(first.Secret.SequenceEqual(second.Secret));
    }

    [Theory]
    [InlineData(TigressSuiteId.Aes128GcmSha256, "1301")]
    [InlineData(TigressSuiteId.Aes256GcmSha384, "1302")]
    [InlineData(TigressSuiteId.ChaCha20Poly1305Sha256, "1303")]
    public void RevealUrl_NewInvitation_HasInvitationShape(TigressSuiteId id, string suiteHex)
    {
        using var invitation = DropboxInvitation.Create(new Uri(Base), TigressSuite.FromId(id));

        string url = invitation.RevealUrl();

        Assert.Matches(new Regex("^" + Regex.Escape(Base) + "#v=1&s=" + suiteHex + "&r=[A-Za-z0-9_-]{43}$"), url);
    }

    [Theory]
    [InlineData(TigressSuiteId.Aes128GcmSha256)]
    [InlineData(TigressSuiteId.Aes256GcmSha384)]
    [InlineData(TigressSuiteId.ChaCha20Poly1305Sha256)]
    public void Parse_RevealedUrl_RoundTrips(TigressSuiteId id)
    {
        using var created = DropboxInvitation.Create(new Uri("http://127.0.0.1:8080/d/"), TigressSuite.FromId(id));

        using var parsed = DropboxInvitation.Parse(created.RevealUrl());

        Assert.Equal(created.BaseUri, parsed.BaseUri);
        Assert.Same(created.Suite, parsed.Suite);
        Assert.True(created.Secret.SequenceEqual(parsed.Secret));
        Assert.Equal(created.RevealUrl(), parsed.RevealUrl());
    }

    [Fact]
    public void Parse_KnownInvitation_YieldsItsParts()
    {
        using var invitation = DropboxInvitation.Parse(Base + "#v=1&s=1302&r=" + SecretText);

        Assert.Equal(Base, invitation.BaseUri.AbsoluteUri);
        Assert.Same(TigressSuite.Aes256GcmSha384, invitation.Suite);
        Assert.Equal(Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), invitation.Secret.ToArray());
    }

    [Theory]
    [InlineData("#r=" + SecretText + "&s=1301&v=1")]
    [InlineData("#s=1301&v=1&r=" + SecretText)]
    public void Parse_ParametersInAnotherOrder_Accepted(string fragment)
    {
        using var invitation = DropboxInvitation.Parse(Base + fragment);

        Assert.Equal(Valid, invitation.RevealUrl());
    }

    [Theory]
    [InlineData("https://dropbox.example/")]
    [InlineData("http://localhost:5000/d/")]
    [InlineData("https://dropbox.example/a/b/c/")]
    [InlineData("https://[::1]:8443/d/")]
    public void Parse_UsableBase_Accepted(string baseUrl)
    {
        using var invitation = DropboxInvitation.Parse(baseUrl + "#v=1&s=1303&r=" + SecretText);

        Assert.Equal(baseUrl, invitation.BaseUri.AbsoluteUri);
        Assert.Same(TigressSuite.ChaCha20Poly1305Sha256, invitation.Suite);
    }

    [Theory]
    [MemberData(nameof(MalformedInvitations))]
    public void Parse_MalformedInvitation_ThrowsTypedError(string text, string expectedCode)
    {
        var ex = Assert.Throws<TigressProtocolException>(() => DropboxInvitation.Parse(text));

        Assert.Equal(expectedCode, ex.ErrorCode);
        Assert.DoesNotContain(SecretText, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedInvitations))]
    public void TryParse_MalformedInvitation_ReturnsFalse(string text, string expectedCode)
    {
        _ = expectedCode;

        Assert.False(DropboxInvitation.TryParse(text, out DropboxInvitation? invitation));
        Assert.Null(invitation);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(DropboxInvitation.TryParse(null, out DropboxInvitation? invitation));
        Assert.Null(invitation);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => DropboxInvitation.Parse(null!));

        Assert.Equal("invitation", ex.ParamName);
    }

    [Fact]
    public void Parse_RandomMutations_ThrowOnlyProtocolException()
    {
        // A fixed seed keeps the run reproducible; the point is that no mutation escapes as another exception type.
        var random = new Random(20240922);
        const string Alphabet = "#&=?/:%@[]+-_.~ AZaz09\u00e9\u0000\u007f\ud83d\ude00";

        for (int i = 0; i < 5000; i++)
        {
            var buffer = new List<char>(Valid);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                int position = random.Next(buffer.Count + 1);
                char c = Alphabet[random.Next(Alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0 when position < buffer.Count:
                        buffer[position] = c;
                        break;
                    case 1 when position < buffer.Count:
                        buffer.RemoveAt(position);
                        break;
                    default:
                        buffer.Insert(position, c);
                        break;
                }
            }

            string mutated = new(buffer.ToArray());
            try
            {
                // Whatever is accepted must come back out in a form that parses to the same invitation.
                using var invitation = DropboxInvitation.Parse(mutated);
                using var again = DropboxInvitation.Parse(invitation.RevealUrl());
                Assert.Equal(invitation.RevealUrl(), again.RevealUrl());
            }
            catch (TigressProtocolException)
            {
            }

            Assert.Equal(DropboxInvitation.TryParse(mutated, out DropboxInvitation? viaTry), viaTry is not null);
            viaTry?.Dispose();
        }
    }

    [Fact]
    public void GetMessageUri_Location_AppendsToBase()
    {
        using var invitation = DropboxInvitation.Parse(Valid);

        Uri uri = invitation.GetMessageUri("jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIw");

        Assert.Equal(Base + "jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIw", uri.AbsoluteUri);
        Assert.Empty(uri.Fragment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SI")]
    [InlineData("jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIwA")]
    [InlineData("jt5L8DcIkMcYXwpluHci4Ndh0ddwFl+IzfbUMSU/SIw")]
    [InlineData("../5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIw")]
    public void GetMessageUri_NotALocation_ThrowsArgumentException(string location)
    {
        using var invitation = DropboxInvitation.Parse(Valid);

        var ex = Assert.Throws<ArgumentException>(() => invitation.GetMessageUri(location));

        Assert.Equal("location", ex.ParamName);
    }

    [Fact]
    public void ToString_Always_RedactsSecret()
    {
        using var invitation = DropboxInvitation.Parse(Valid);

        string text = invitation.ToString();

        Assert.DoesNotContain(SecretText, text, StringComparison.Ordinal);
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
        Assert.StartsWith(Base + "#v=1&s=1301&r=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Invitation_ZeroesSecretAndRefusesReveal()
    {
        var invitation = DropboxInvitation.Parse(Valid);
        ReadOnlySpan<byte> secret = invitation.Secret;

        invitation.Dispose();
        invitation.Dispose();

        Assert.True(secret.IndexOfAnyExcept((byte)0) < 0);
        Assert.Throws<ObjectDisposedException>(() => invitation.RevealUrl());
        Assert.Throws<ObjectDisposedException>(() => invitation.Secret.Length);
    }

    [Fact]
    public void Create_HostOnlyUri_GetsTrailingSlash()
    {
        using var invitation = DropboxInvitation.Create(new Uri("https://dropbox.example"));

        Assert.StartsWith("https://dropbox.example/#v=1&s=1301&r=", invitation.RevealUrl(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://dropbox.example/tigress")]
    [InlineData("https://dropbox.example/tigress/?x=1")]
    [InlineData("https://dropbox.example/tigress/#frag")]
    [InlineData("https://user@dropbox.example/tigress/")]
    [InlineData("ftp://dropbox.example/tigress/")]
    public void Create_UnusableBase_ThrowsArgumentException(string baseUrl)
    {
        var ex = Assert.Throws<ArgumentException>(() => DropboxInvitation.Create(new Uri(baseUrl)));

        Assert.Equal("baseUri", ex.ParamName);
    }

    [Fact]
    public void Create_RelativeBase_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => DropboxInvitation.Create(new Uri("tigress/", UriKind.Relative)));

        Assert.Equal("baseUri", ex.ParamName);
    }

    [Fact]
    public void Create_NullBase_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => DropboxInvitation.Create(null!));

        Assert.Equal("baseUri", ex.ParamName);
    }
}
