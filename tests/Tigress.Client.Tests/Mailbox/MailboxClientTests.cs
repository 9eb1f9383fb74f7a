using System.Net;
using System.Text;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Mailbox;

public sealed class MailboxClientTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task CreateReadUpdateDelete_AgainstRelay_RoundTrips()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();

        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key, "hello"));
        var read = await client.ReadAsync(created.MailboxUri, recipient);
        await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "answer"u8));
        var answer = await client.ReadAsync(created.MailboxUri, initiator);
        await client.DeleteAsync(created.MailboxUri, initiator);

        Assert.False(created.IsReplay);
        Assert.Equal(MailboxReadStatus.Message, read.Status);
        Assert.Equal(Samples.Display, read.DisplayInformation);
        Assert.NotNull(read.ETag);
        Assert.NotNull(read.Expiration);
        Assert.Equal("hello"u8.ToArray(), read.Payload!.Open(key, PayloadDirection.InitiatorToRecipient, 0));
        Assert.Equal("answer"u8.ToArray(), answer.Payload!.Open(key, PayloadDirection.RecipientToInitiator, 0));
        var gone = await Assert.ThrowsAsync<MailboxException>(() => client.ReadAsync(created.MailboxUri, initiator));
        Assert.Equal(MailboxError.NotFound, gone.Error);
    }

    [Fact]
    public async Task EveryRequest_CarriesRequestIdAndClaim_ExceptPreviewWithoutClaim()
    {
        using var key = ShareKey.Generate();
        var handler = new InterceptingHandler();
        var client = Clients.Create(handler);
        var claim = Guid.NewGuid();

        var created = await client.CreateAsync(fixture.BaseUri, claim, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, claim);
        await client.UpdateAsync(created.MailboxUri, claim, SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 1, "x"u8));
        await client.GetPreviewAsync(created.MailboxUri);
        await client.DeleteAsync(created.MailboxUri, claim);

        Assert.All(handler.Requests, r => Assert.True(Guid.TryParseExact(r.RequestId, "D", out _)));
        Assert.Equal(5, handler.Requests.Select(r => r.RequestId).Distinct().Count());
        Assert.All(handler.Requests.Where(r => r.Method != HttpMethod.Get), r => Assert.Equal(claim.ToString("D"), r.Claim));
        Assert.Null(handler.Requests.Single(r => r.Method == HttpMethod.Get).Claim);
        Assert.All(handler.Requests, r => Assert.Empty(r.Uri.Fragment));
    }

    [Fact]
    public async Task Answer_EchoingAnotherRequestId_IsRefused_TheSameIdInAnyCaseOrNoEchoIsTaken()
    {
        using var key = ShareKey.Generate();
        var echo = "another";
        var handler = new InterceptingHandler(async (request, send, _) =>
        {
            var response = await send();
            var sent = request.Headers.GetValues("Mailbox-Request-ID").Single();
            response.Headers.Remove("Mailbox-Request-ID");
            switch (echo)
            {
                case "another":
                    response.Headers.TryAddWithoutValidation("Mailbox-Request-ID", Guid.NewGuid().ToString("D"));
                    break;
                case "upper":
                    response.Headers.TryAddWithoutValidation("Mailbox-Request-ID", sent.ToUpperInvariant());
                    break;
            }

            return response;
        });
        var client = Clients.Create(handler);
        var claim = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<MailboxException>(() => client.CreateAsync(fixture.BaseUri, claim, Samples.CreateRequest(key)));
        Assert.Equal(MailboxError.UnexpectedResponse, refused.Error);
        Assert.Contains("Mailbox-Request-ID", refused.Message, StringComparison.Ordinal);

        echo = "upper";
        var created = await client.CreateAsync(fixture.BaseUri, claim, Samples.CreateRequest(key));
        echo = "none";
        var read = await client.ReadAsync(created.MailboxUri, claim);

        Assert.Equal(MailboxReadStatus.NoMessage, read.Status);
    }

    [Fact]
    public async Task Create_ResponseLost_RetryReusesRequestIdAndGetsReplay()
    {
        using var key = ShareKey.Generate();
        var lost = 0;
        var handler = new InterceptingHandler(async (request, send, _) =>
        {
            var response = await send();
            if (request.Method == HttpMethod.Post && Interlocked.Increment(ref lost) == 1)
            {
                // The relay did the work; the answer never arrives.
                response.Dispose();
                throw new HttpRequestException("connection reset");
            }

            return response;
        });
        var client = Clients.Create(handler);

        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));

        Assert.True(created.IsReplay);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].RequestId, handler.Requests[1].RequestId);
        Assert.Equal([200, 201], handler.Requests.Select(r => r.Status));
        var preview = await Clients.Create().GetPreviewAsync(created.MailboxUri);
        Assert.Contains("Car key", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ResponseLost_IsNotExecutedTwice()
    {
        using var key = ShareKey.Generate();
        var plain = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await plain.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await plain.ReadAsync(created.MailboxUri, recipient);
        var first = SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "first"u8);
        var dropped = 0;
        var handler = new InterceptingHandler(async (request, send, _) =>
        {
            var response = await send();
            if (request.Method == HttpMethod.Put && Interlocked.Increment(ref dropped) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("connection reset");
            }

            return response;
        });
        var requestId = Guid.NewGuid();

        await Clients.Create(handler).UpdateAsync(created.MailboxUri, recipient, first, requestId);

        Assert.Equal([200, 201], handler.Requests.Select(r => r.Status));
        Assert.All(handler.Requests, r => Assert.Equal(requestId.ToString("D"), r.RequestId));
        var seen = await plain.ReadAsync(created.MailboxUri, initiator);
        Assert.Equal("first"u8.ToArray(), seen.Payload!.Open(key, PayloadDirection.RecipientToInitiator, 0));
    }

    [Fact]
    public async Task Delete_ResponseLost_RetrySucceedsFromRecord()
    {
        using var key = ShareKey.Generate();
        var claim = Guid.NewGuid();
        var created = await Clients.Create().CreateAsync(fixture.BaseUri, claim, Samples.CreateRequest(key));
        var dropped = 0;
        var handler = new InterceptingHandler(async (request, send, _) =>
        {
            var response = await send();
            if (request.Method == HttpMethod.Delete && Interlocked.Increment(ref dropped) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("connection reset");
            }

            return response;
        });

        await Clients.Create(handler).DeleteAsync(created.MailboxUri, claim);

        Assert.Equal([200, 201], handler.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Read_TransientServerError_IsRetriedWithSameRequestId()
    {
        using var key = ShareKey.Generate();
        var claim = Guid.NewGuid();
        var created = await Clients.Create().CreateAsync(fixture.BaseUri, claim, Samples.CreateRequest(key));
        var failures = 0;
        var handler = new InterceptingHandler(async (request, send, _) =>
            Interlocked.Increment(ref failures) <= 2
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                : await send());

        var read = await Clients.Create(handler).ReadAsync(created.MailboxUri, Guid.NewGuid());

        Assert.Equal(MailboxReadStatus.Message, read.Status);
        Assert.Equal([503, 503, 200], handler.Requests.Select(r => r.Status));
        Assert.Single(handler.Requests.Select(r => r.RequestId).Distinct());
    }

    [Fact]
    public async Task Read_AnotherDeviceClaimedFirst_ThrowsWrongClaim()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, Guid.NewGuid());

        var exception = await Assert.ThrowsAsync<MailboxException>(() => client.ReadAsync(created.MailboxUri, Guid.NewGuid()));

        Assert.Equal(MailboxError.WrongClaim, exception.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
    }

    [Fact]
    public async Task Read_IfNoneMatchCurrentTag_IsNotModified()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));
        var first = await client.ReadAsync(created.MailboxUri, recipient);

        var again = await client.ReadAsync(created.MailboxUri, recipient, new MailboxReadOptions { IfNoneMatch = first.ETag });

        Assert.Equal(MailboxReadStatus.NotModified, again.Status);
    }

    [Fact]
    public async Task Read_NothingWrittenYet_IsNoMessage()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var initiator = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));

        var read = await client.ReadAsync(created.MailboxUri, initiator);

        Assert.Equal(MailboxReadStatus.NoMessage, read.Status);
    }

    [Fact]
    public async Task Read_LongPoll_ReturnsWhenTheOtherSideWrites()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);
        var started = DateTime.UtcNow;

        var waiting = client.ReadAsync(created.MailboxUri, initiator, new MailboxReadOptions { Wait = TimeSpan.FromSeconds(30) });
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "r"u8));
        var read = await waiting;

        Assert.Equal(MailboxReadStatus.Message, read.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Read_CancelledDuringLongPoll_ThrowsPromptly()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var initiator = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.ReadAsync(created.MailboxUri, initiator, new MailboxReadOptions { Wait = TimeSpan.FromSeconds(30) }, cancel.Token));

        // Far under the 30 s the read would wait, whatever the machine's load.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Relinquish_LetsAnotherDeviceClaim()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var first = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, first);

        await client.RelinquishAsync(created.MailboxUri, first);
        var second = await client.ReadAsync(created.MailboxUri, Guid.NewGuid());

        Assert.Equal(MailboxReadStatus.Message, second.Status);
    }

    [Fact]
    public async Task Create_RelayNotListening_ThrowsRelayUnreachableAfterRetries()
    {
        using var key = ShareKey.Generate();
        var handler = new InterceptingHandler();
        var closed = new Uri($"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/");

        var exception = await Assert.ThrowsAsync<MailboxException>(
            () => Clients.Create(handler).CreateAsync(closed, Guid.NewGuid(), Samples.CreateRequest(key)));

        Assert.Equal(MailboxError.RelayUnreachable, exception.Error);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Single(handler.Requests.Select(r => r.RequestId).Distinct());
    }

    [Theory]
    [InlineData("http://relay.example/")]
    [InlineData("ftp://relay.example/")]
    public async Task Create_PlainHttpToRemoteRelay_IsRefusedBeforeAnyRequest(string relay)
    {
        using var key = ShareKey.Generate();
        var handler = new InterceptingHandler();

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => Clients.Create(handler).CreateAsync(new Uri(relay), Guid.NewGuid(), Samples.CreateRequest(key)));

        Assert.Equal("relayUri", exception.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Read_PlainHttpToRemoteMailbox_IsRefused()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => Clients.Create().ReadAsync(new Uri("http://relay.example/v1/m/abc"), Guid.NewGuid()));

        Assert.Equal("mailboxUri", exception.ParamName);
    }

    [Fact]
    public async Task Errors_NeverCarryTheClaimOrRelayText()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, Guid.NewGuid());
        var intruder = Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<MailboxException>(() => client.ReadAsync(created.MailboxUri, intruder));

        Assert.DoesNotContain(intruder.ToString(), exception.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(created.MailboxUri.AbsoluteUri, exception.Message, StringComparison.Ordinal);
        Assert.Equal("urn:tigress:problem:wrong-claim", exception.ProblemType);
    }

    [Fact]
    public async Task Read_OversizedAnswer_IsRefused()
    {
        var handler = new InterceptingHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(new string('x', 2 * 1024 * 1024))),
        }));

        var exception = await Assert.ThrowsAsync<MailboxException>(
            () => Clients.Create(handler).ReadAsync(new Uri(fixture.BaseUri, "v1/m/00000000-0000-4000-8000-000000000000"), Guid.NewGuid()));

        Assert.Equal(MailboxError.UnexpectedResponse, exception.Error);
    }
}
