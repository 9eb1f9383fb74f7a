using Tigress.Protocol.Wire;

namespace Tigress.Protocol.Tests.Wire;

public sealed class AccessRightLettersTests
{
    [Theory]
    [InlineData(MailboxAccessRights.None, "")]
    [InlineData(MailboxAccessRights.Read, "R")]
    [InlineData(MailboxAccessRights.Read | MailboxAccessRights.Delete, "RD")]
    [InlineData(MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete, "RWD")]
    public void Format_WritesLettersInOrder_AndParseReadsThemBack(MailboxAccessRights rights, string letters)
    {
        Assert.Equal(letters, AccessRightLetters.Format(rights));
        Assert.True(AccessRightLetters.TryParse(letters, out var parsed));
        Assert.Equal(rights, parsed);
    }

    [Fact]
    public void TryParse_AnyOrder_IsAccepted()
    {
        Assert.True(AccessRightLetters.TryParse("DWR", out var rights));
        Assert.Equal(MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete, rights);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("RR")]
    [InlineData("r")]
    [InlineData("RX")]
    [InlineData("R W")]
    public void TryParse_Invalid_IsRefused(string? letters)
    {
        Assert.False(AccessRightLetters.TryParse(letters, out var rights));
        Assert.Equal(MailboxAccessRights.None, rights);
    }
}
