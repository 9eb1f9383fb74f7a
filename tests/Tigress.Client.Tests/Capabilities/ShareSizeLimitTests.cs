using System.Globalization;
using System.Text.RegularExpressions;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Testing;

namespace Tigress.Client.Tests.Capabilities;

/// <summary>The capability document through the client, and a share refused before upload at the relay's true limit.</summary>
public sealed partial class ShareSizeLimitTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task GetCapabilities_RealRelay_ReadsTheAdvertisedLimits()
    {
        using var client = new TigressClient(Clients.Create());

        var capabilities = await client.GetCapabilitiesAsync(fixture.BaseUri);

        Assert.Equal("1", capabilities.ApiVersion);
        Assert.Equal(64 * 1024, capabilities.MaxPayloadBytes);
        Assert.Equal(128 * 1024, capabilities.MaxRequestBodyBytes);
        Assert.True(capabilities.Mailbox);
        Assert.True(capabilities.ServerSentEvents);
        Assert.Contains("AEAD_AES_128_GCM", capabilities.PayloadTypes);
        Assert.Equal(TimeSpan.FromHours(48), capabilities.MaxTtl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(PinMode.Spake2)]
    [InlineData(PinMode.RelayAssisted)]
    public async Task Share_OneByteOverTheTrueLimit_IsRefusedBeforeUpload_AndTheLimitItselfGoesThrough(PinMode? pin)
    {
        // As many bytes as the relay advertises: over the limit once base64, JSON and encryption are added.
        var recorder = new InterceptingHandler();
        using var client = new TigressClient(Clients.Create(recorder));
        var advertised = (await client.GetCapabilitiesAsync(fixture.BaseUri)).MaxPayloadBytes!.Value;

        var refused = await Assert.ThrowsAsync<TransferException>(() => ShareAsync(client, advertised, pin));
        var limit = int.Parse(LimitPattern().Match(refused.Message).Groups[1].Value, CultureInfo.InvariantCulture);
        var justOver = await Assert.ThrowsAsync<TransferException>(() => ShareAsync(client, limit + 1, pin));

        Assert.Equal(TransferError.RelayRefused, refused.Error);
        Assert.Contains("Nothing was uploaded", refused.Message, StringComparison.Ordinal);
        Assert.InRange(limit, advertised / 2, advertised - 1);
        Assert.Contains($"at most {limit} bytes", justOver.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(recorder.Requests, r => r.Method == HttpMethod.Post);

        // Exactly the limit: the relay takes every message and the recipient gets every byte.
        var content = new byte[limit];
        Random.Shared.NextBytes(content);
        using var initiator = await ShareAsync(new TigressClient(Clients.Create()), content, pin);
        using var link = await initiator.GetLinkAsync();
        using var recipient = TransferSession.Receive(new TigressClient(Clients.Create()), link, pin is null ? default : "4809137");
        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(content, received.Content);
    }

    private Task<TransferSession> ShareAsync(TigressClient client, int length, PinMode? pin) => ShareAsync(client, new byte[length], pin);

    private Task<TransferSession> ShareAsync(TigressClient client, byte[] content, PinMode? pin) =>
        TransferSession.ShareAsync(client, new ShareRequest
        {
            RelayUri = fixture.BaseUri,
            Format = AuthorizationTokenVertical.FormatName,
            Content = content,
            DisplayInformation = Samples.Display,
            Pin = pin is null ? default : "4809137".AsMemory(),
            PinMode = pin ?? PinMode.Automatic,
        });

    [GeneratedRegex(@"takes at most (\d+) bytes for this format")]
    private static partial Regex LimitPattern();
}
