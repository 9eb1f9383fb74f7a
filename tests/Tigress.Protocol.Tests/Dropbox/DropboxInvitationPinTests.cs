using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Tests.Dropbox;

/// <summary>The PIN flag <c>p=1</c> of a dropbox invitation, and the copy of R the PIN exchange is salted with.</summary>
public sealed class DropboxInvitationPinTests
{
    private const string Base = "https://dropbox.example/tigress/";
    private const string SecretText = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    [Fact]
    public void Parse_PinFlag_RequiresPin()
    {
        using var invitation = DropboxInvitation.Parse(Base + "#v=1&s=1301&r=" + SecretText + "&p=1");

        Assert.True(invitation.RequiresPin);
        Assert.Equal(Base + "#v=1&s=1301&r=" + SecretText + "&p=1", invitation.RevealUrl());
        Assert.EndsWith("&r=[redacted]&p=1", invitation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PinFlagAnywhereInTheFragment_RequiresPin()
    {
        using var invitation = DropboxInvitation.Parse(Base + "#p=1&v=1&s=1301&r=" + SecretText);

        Assert.True(invitation.RequiresPin);
    }

    [Fact]
    public void Parse_NoPinFlag_DoesNotRequirePin()
    {
        using var invitation = DropboxInvitation.Parse(Base + "#v=1&s=1301&r=" + SecretText);

        Assert.False(invitation.RequiresPin);
        Assert.DoesNotContain("p=", invitation.RevealUrl(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&p=0", ProtocolErrorCodes.MalformedUrl)]
    [InlineData("&p=", ProtocolErrorCodes.MalformedUrl)]
    [InlineData("&p=yes", ProtocolErrorCodes.MalformedUrl)]
    [InlineData("&p=1&p=1", DropboxErrorCodes.DuplicateParameter)]
    public void Parse_BadPinFlag_Rejected(string suffix, string code)
    {
        var ex = Assert.Throws<TigressProtocolException>(() => DropboxInvitation.Parse(Base + "#v=1&s=1301&r=" + SecretText + suffix));

        Assert.Equal(code, ex.ErrorCode);
        Assert.DoesNotContain(SecretText, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RequiresPin_RoundTripsThroughTheUrl()
    {
        using var invitation = DropboxInvitation.Create(new Uri(Base), TigressSuite.ChaCha20Poly1305Sha256, requiresPin: true);

        using var parsed = DropboxInvitation.Parse(invitation.RevealUrl());

        Assert.True(parsed.RequiresPin);
        Assert.Equal(invitation.ExportSecret(), parsed.ExportSecret());
    }

    [Fact]
    public void ExportSecret_IsACopyOfR_AndUnavailableOnceDisposed()
    {
        byte[] r = RandomNumberGenerator.GetBytes(DropboxInvitation.SecretLength);
        var invitation = DropboxInvitation.CreateWithSecret(new Uri(Base), TigressSuite.Default, r);

        byte[] copy = invitation.ExportSecret();
        copy[0] ^= 1;

        Assert.Equal(r, invitation.ExportSecret());
        invitation.Dispose();
        Assert.Throws<ObjectDisposedException>(() => invitation.ExportSecret());
    }
}
