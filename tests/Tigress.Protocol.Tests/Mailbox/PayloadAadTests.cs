using System.Text;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Tests.Mailbox;

public sealed class PayloadAadTests
{
    [Theory]
    [InlineData(PayloadDirection.InitiatorToRecipient, 0, "tigress-mailbox/1 i2r 0")]
    [InlineData(PayloadDirection.RecipientToInitiator, 0, "tigress-mailbox/1 r2i 0")]
    [InlineData(PayloadDirection.InitiatorToRecipient, 12, "tigress-mailbox/1 i2r 12")]
    [InlineData(PayloadDirection.RecipientToInitiator, int.MaxValue, "tigress-mailbox/1 r2i 2147483647")]
    public void Write_DirectionAndSequence_IsProfileP8Text(PayloadDirection direction, int sequence, string expected)
    {
        Span<byte> buffer = stackalloc byte[PayloadAad.MaxLength];

        var written = PayloadAad.Write(direction, sequence, buffer);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }
}
