using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Pake;

namespace Tigress.Protocol.Tests.Pake;

public sealed class PinBindingTests
{
    [Fact]
    public void ForMailbox_Id_NamesProfileAndMailbox()
    {
        var binding = PinBinding.ForMailbox("3f1c7a52-9d0e-4b6f-8a21-5c4d3e2f1a0b");

        Assert.Equal("tigress-pin/1 mailbox 3f1c7a52-9d0e-4b6f-8a21-5c4d3e2f1a0b", binding.ToString());
        Assert.Equal("tigress-pin/1 mailbox 3f1c7a52-9d0e-4b6f-8a21-5c4d3e2f1a0b"u8.ToArray(), binding.AssociatedData.ToArray());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("é")]
    public void ForMailbox_NotAMailboxId_ThrowsArgumentExceptionNamingMailboxId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinBinding.ForMailbox(id));

        Assert.Equal("mailboxId", ex.ParamName);
    }

    [Fact]
    public void ForMailbox_TooLong_Throws()
    {
        Assert.Equal("mailboxId", Assert.Throws<ArgumentException>(() => PinBinding.ForMailbox(new string('a', 129))).ParamName);
        Assert.Equal("mailboxId", Assert.Throws<ArgumentException>(() => PinBinding.ForMailbox("")).ParamName);
        Assert.Equal("mailboxId", Assert.Throws<ArgumentNullException>(() => PinBinding.ForMailbox(null!)).ParamName);
    }

    [Fact]
    public void ForDropbox_Invitation_NamesSuiteAndBaseButNeverTheSecret()
    {
        byte[] r = RandomNumberGenerator.GetBytes(DropboxInvitation.SecretLength);
        using var invitation = DropboxInvitation.CreateWithSecret(new Uri("https://drop.example/t/"), TigressSuite.Aes256GcmSha384, r);

        var binding = PinBinding.ForDropbox(invitation);

        Assert.Equal("tigress-pin/1 dropbox 1302 https://drop.example/t/", binding.ToString());
        Assert.Equal(-1, binding.AssociatedData.IndexOf(r));
        Assert.DoesNotContain(System.Buffers.Text.Base64Url.EncodeToString(r), binding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identities_AreTheProfilesFixedNames()
    {
        Assert.Equal("tigress initiator", PinBinding.InitiatorIdentity);
        Assert.Equal("tigress recipient", PinBinding.RecipientIdentity);
        Assert.Equal("tigress initiator"u8.ToArray(), PinBinding.InitiatorIdentityBytes.ToArray());
        Assert.Equal("tigress recipient"u8.ToArray(), PinBinding.RecipientIdentityBytes.ToArray());
    }
}
