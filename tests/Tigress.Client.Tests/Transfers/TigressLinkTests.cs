using Tigress.Client.Transfers;
using Tigress.Protocol;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Tests.Transfers;

public sealed class TigressLinkTests
{
    // A distinctive secret: 32 bytes that base64url-encode to this text.
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eno";
    private const string MailboxId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    [Theory]
    [InlineData("https://relay.example/v1/m/" + MailboxId + "?v=c#" + Secret, ShareVertical.CarKey, false)]
    [InlineData("https://relay.example/v1/m/" + MailboxId + "?v=h&p=1#" + Secret, ShareVertical.HomeKey, true)]
    [InlineData("  https://relay.example/base/v1/m/" + MailboxId + "#" + Secret + "\n", ShareVertical.GeneralAccess, false)]
    public void Parse_ShareUrl_IsMailboxWithItsVerticalAndPinFlag(string text, ShareVertical vertical, bool requiresPin)
    {
        using var link = TigressLink.Parse(text);

        Assert.Equal(TransferBinding.Mailbox, link.Binding);
        Assert.Equal(vertical, link.Vertical);
        Assert.Equal(requiresPin, link.RequiresPin);
        Assert.EndsWith("/v1/m/" + MailboxId, link.Address.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("#" + Secret, link.Reveal(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, link.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_DropboxInvitation_IsDropboxWithoutVertical(bool requiresPin)
    {
        using var invitation = DropboxInvitation.Create(new Uri("https://files.example/drop/"), requiresPin: requiresPin);
        var text = invitation.RevealUrl();

        using var link = TigressLink.Parse(text);

        Assert.Equal(TransferBinding.Dropbox, link.Binding);
        Assert.Null(link.Vertical);
        Assert.Equal(requiresPin, link.RequiresPin);
        Assert.Equal(new Uri("https://files.example/drop/"), link.Address);
        Assert.Equal(text, link.Reveal());
        Assert.DoesNotContain(text[(text.IndexOf("r=", StringComparison.Ordinal) + 2)..], link.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://relay.example/v1/m/" + MailboxId + "#" + Secret, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/" + MailboxId + "?v=x#" + Secret, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/0F8FAD5B-D9CB-469F-A165-70867728950E#" + Secret, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/not-a-uuid#" + Secret, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://relay.example/v1/m/" + MailboxId + "#" + Secret + "!!", ProtocolErrorCodes.InvalidSecret)]
    [InlineData("https://relay.example/nothing-here#" + Secret, ProtocolErrorCodes.MalformedUrl)]
    [InlineData("https://files.example/drop/#v=1&s=1301&r=" + Secret + "&x=1", null)]
    [InlineData("https://files.example/drop/#v=2&s=1301&r=" + Secret, null)]
    [InlineData("https://files.example/drop#v=1&s=1301&r=" + Secret, null)]
    [InlineData(Secret, ProtocolErrorCodes.MalformedUrl)]
    public void Parse_MalformedLink_ThrowsWithoutQuotingTheSecret(string text, string? errorCode)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => TigressLink.Parse(text));

        if (errorCode is not null)
        {
            Assert.Equal(errorCode, exception.ErrorCode);
        }

        Assert.DoesNotContain(Secret, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..12], exception.ToString(), StringComparison.Ordinal);
        Assert.False(TigressLink.TryParse(text, out var result));
        Assert.Null(result);
    }

    [Fact]
    public void TryParse_Null_IsFalse()
    {
        Assert.False(TigressLink.TryParse(null, out var result));
        Assert.Null(result);
        Assert.Throws<ArgumentNullException>("link", () => TigressLink.Parse(null!));
    }
}
