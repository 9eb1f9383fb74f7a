using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Pake.Messages;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Tests.Pake.Messages;

/// <summary>The three messages of the PIN exchange, through their JSON envelopes as they travel sealed.</summary>
public sealed class PinMessageTests
{
    private static readonly DisplayInformation s_display = new("Door", "Alice shares the door", new Uri("https://img.example/door.png"));

    [Fact]
    public void Start_RoundTripThroughJson_KeepsShareAndPreviewAndNothingElse()
    {
        byte[] share = Share();
        var envelope = new PinStartMessage(share).ToProvisioningInformation(s_display);

        var parsed = ProvisioningInformation.Parse(envelope.ToUtf8Json());

        Assert.True(PinStartMessage.TryParse(parsed, out var start));
        Assert.Equal(share, start.Share.ToArray());
        Assert.Equal(PinFormats.Start, parsed.Format);
        Assert.Equal(s_display, parsed.DisplayInformation);
        Assert.Equal(["share"], parsed.Content.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Base64Url.EncodeToString(share), parsed.Content.GetProperty("share").GetString());
    }

    [Fact]
    public void Answer_RoundTripThroughJson_KeepsShareAndConfirmation()
    {
        byte[] share = Share();
        byte[] confirmation = RandomNumberGenerator.GetBytes(Spake2.ConfirmationLength);

        var parsed = ProvisioningInformation.Parse(new PinAnswerMessage(share, confirmation).ToProvisioningInformation().ToUtf8Json());

        Assert.True(PinAnswerMessage.TryParse(parsed, out var answer));
        Assert.Equal(share, answer.Share.ToArray());
        Assert.Equal(confirmation, answer.Confirmation.ToArray());
        Assert.Equal(PinFormats.Answer, parsed.Format);
    }

    [Fact]
    public void Confirm_RoundTripThroughJson_KeepsConfirmationAndSealedContent()
    {
        byte[] confirmation = RandomNumberGenerator.GetBytes(Spake2.ConfirmationLength);
        byte[] sealedContent = RandomNumberGenerator.GetBytes(1000);

        var parsed = ProvisioningInformation.Parse(new PinConfirmMessage(confirmation, sealedContent).ToProvisioningInformation().ToUtf8Json());

        Assert.True(PinConfirmMessage.TryParse(parsed, out var confirm));
        Assert.Equal(confirmation, confirm.Confirmation.ToArray());
        Assert.Equal(sealedContent, confirm.SealedContent.ToArray());
        Assert.Equal(PinFormats.Confirm, parsed.Format);
    }

    [Theory]
    [InlineData("tigress.pin.answer", "{\"share\":\"SHARE\"}")] // wrong format
    [InlineData("tigress.pin.start", "{}")] // no share
    [InlineData("tigress.pin.start", "{\"share\":7}")] // not a string
    [InlineData("tigress.pin.start", "{\"share\":\"SHARE=\"}")] // padding
    [InlineData("tigress.pin.start", "{\"share\":\"SHARE+\"}")] // standard alphabet
    [InlineData("tigress.pin.start", "{\"share\":\"SHORT\"}")] // 64 bytes
    [InlineData("tigress.pin.start", "{\"share\":\"SHAREAA\"}")] // 66 bytes
    public void Start_Malformed_TryParseReturnsFalse(string format, string content)
    {
        byte[] share = Share();
        content = content
            .Replace("SHORT", Base64Url.EncodeToString(share[..64]), StringComparison.Ordinal)
            .Replace("SHARE", Base64Url.EncodeToString(share), StringComparison.Ordinal);
        var envelope = new ProvisioningInformation(format, JsonDocument.Parse(content).RootElement);

        Assert.False(PinStartMessage.TryParse(envelope, out var start));
        Assert.Null(start);
    }

    [Fact]
    public void Start_NonCanonicalTrailingBits_TryParseReturnsFalse()
    {
        // 65 bytes leave 4 unused bits in the last base64url character; a canonical encoder writes them as zero.
        string canonical = Base64Url.EncodeToString(Share());
        char last = canonical[^1];
        string altered = canonical[..^1] + (char)(last == 'A' ? 'B' : last + 1);
        var envelope = new ProvisioningInformation(PinFormats.Start, JsonDocument.Parse($"{{\"share\":\"{altered}\"}}").RootElement);

        Assert.False(PinStartMessage.TryParse(envelope, out _));
    }

    [Fact]
    public void Answer_ConfirmationOfWrongLength_TryParseReturnsFalse()
    {
        string content = $"{{\"share\":\"{Base64Url.EncodeToString(Share())}\",\"confirmation\":\"{Base64Url.EncodeToString(new byte[31])}\"}}";
        var envelope = new ProvisioningInformation(PinFormats.Answer, JsonDocument.Parse(content).RootElement);

        Assert.False(PinAnswerMessage.TryParse(envelope, out _));
    }

    [Fact]
    public void Confirm_EmptySealedContent_TryParseReturnsFalse()
    {
        string content = $"{{\"confirmation\":\"{Base64Url.EncodeToString(new byte[32])}\",\"sealed\":\"\"}}";
        var envelope = new ProvisioningInformation(PinFormats.Confirm, JsonDocument.Parse(content).RootElement);

        Assert.False(PinConfirmMessage.TryParse(envelope, out _));
    }

    [Fact]
    public void Constructors_WrongLengths_ThrowArgumentExceptionNamingTheField()
    {
        Assert.Equal("share", Assert.Throws<ArgumentException>(() => new PinStartMessage(new byte[64])).ParamName);
        Assert.Equal("share", Assert.Throws<ArgumentException>(() => new PinAnswerMessage(new byte[66], new byte[32])).ParamName);
        Assert.Equal("confirmation", Assert.Throws<ArgumentException>(() => new PinAnswerMessage(Share(), new byte[16])).ParamName);
        Assert.Equal("confirmation", Assert.Throws<ArgumentException>(() => new PinConfirmMessage(new byte[33], [1])).ParamName);
        Assert.Equal("sealedContent", Assert.Throws<ArgumentException>(() => new PinConfirmMessage(new byte[32], [])).ParamName);
        Assert.Equal("sealedContent", Assert.Throws<ArgumentException>(() => new PinConfirmMessage(new byte[32], new byte[PinConfirmMessage.MaxSealedLength + 1])).ParamName);
    }

    [Fact]
    public void StartOfARealExchange_HoldsOnlyTheShare()
    {
        // Message 0 of a PIN share is all that whoever holds the link can read before the PIN is checked.
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        using var initiator = PinInitiator.Create("123456", secret);

        byte[] json = initiator.CreateStartMessage().ToProvisioningInformation().ToUtf8Json();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["format", "content"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["share"], document.RootElement.GetProperty("content").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("123456", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void IsPinFormat_TheThreeFormatsOnly()
    {
        Assert.True(PinFormats.IsPinFormat("tigress.pin.start"));
        Assert.True(PinFormats.IsPinFormat("tigress.pin.answer"));
        Assert.True(PinFormats.IsPinFormat("tigress.pin.confirm"));
        Assert.False(PinFormats.IsPinFormat("tigress.control.cancel"));
        Assert.False(PinFormats.IsPinFormat(null));
    }

    private static byte[] Share()
    {
        using var initiator = PinInitiator.Create("000000", new byte[16]);
        return initiator.CreateStartMessage().Share.ToArray();
    }
}
