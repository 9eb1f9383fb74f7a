using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Protocol.Pake;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Mailboxes;

/// <summary>The relay-assisted PIN over HTTP (docs/protocol.md section 12.6), with the client's real OPRF and key schedule.</summary>
public sealed class RelayAssistedPinTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    // 0x02 then an x beyond the field's prime: the right length, never a point.
    private static readonly string s_notAPoint = Base64Url.EncodeToString([0x02, .. Enumerable.Repeat((byte)0xFF, 32)]);

    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Share_RecipientWithThePin_EvaluatesProvesAndReadsTheInitiatorsMessage()
    {
        var share = new TestPinShare();
        var data = MailboxApi.SealedData();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), guesses: 3, data: data);
        var recipient = Guid.NewGuid();

        var proof = await share.ProofAsync(_api, mailbox.Id, recipient);
        using var read = await TestPinShare.ReadAsync(_api, mailbox.Id, recipient, proof);
        using var again = await _api.ReadAsync(mailbox.Id, recipient);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(data, MailboxApi.DataOf(await MailboxApi.JsonAsync(read)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // A bound recipient reads without a proof.
    }

    [Fact]
    public async Task Evaluate_AnswersTheKeyTimesTheBlindedElement_AndTheGuessesLeft()
    {
        var share = new TestPinShare();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), guesses: 4);
        var input = Encoding.ASCII.GetBytes(TestPinShare.Pin);
        using var blind = OprfBlind.Create(input);

        using var response = await TestPinShare.EvaluateAsync(_api, mailbox.Id, Guid.NewGuid(), Base64Url.EncodeToString(blind.BlindedElement));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = await MailboxApi.JsonAsync(response);
        Assert.Equal(4, json["guessesLeft"]!.GetValue<int>());
        var output = new byte[P256Oprf.OutputLength];
        Assert.True(blind.TryFinalize(Base64Url.DecodeFromChars(json["evaluatedElement"]!.GetValue<string>()), output));
        Assert.Equal(P256Oprf.Evaluate(share.OprfKey, input), output);
    }

    [Fact]
    public async Task Read_WithoutAProof_Answers403PinRequired_AndSpendsNothing()
    {
        var share = new TestPinShare();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), guesses: 3);

        using var bare = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(bare, 403, "pin-required");
        Assert.Equal(3, await GuessesLeftAsync(mailbox.Id));
    }

    [Fact]
    public async Task Read_WrongPins_Answer403WrongPinWithGuessesLeft_ARepeatSpendsNothing_AndTheLastLocks()
    {
        var share = new TestPinShare();
        var initiator = Guid.NewGuid();
        var mailbox = await share.CreateAsync(_api, initiator, guesses: 2);
        var guesser = Guid.NewGuid();
        var wrong = await share.ProofAsync(_api, mailbox.Id, guesser, pin: "7654321");
        var requestId = Guid.NewGuid();

        using var first = await TestPinShare.ReadAsync(_api, mailbox.Id, guesser, wrong, requestId);
        using var repeat = await TestPinShare.ReadAsync(_api, mailbox.Id, guesser, wrong, requestId);
        var left = await GuessesLeftAsync(mailbox.Id);
        using var last = await TestPinShare.ReadAsync(_api, mailbox.Id, Guid.NewGuid(), await share.ProofAsync(_api, mailbox.Id, Guid.NewGuid(), pin: "0000000"));
        var rightClaim = Guid.NewGuid();
        using var evaluate = await TestPinShare.EvaluateAsync(_api, mailbox.Id, rightClaim, Base64Url.EncodeToString(RelayPinGuess.Create(TestPinShare.Pin).BlindedElement));
        using var right = await TestPinShare.ReadAsync(_api, mailbox.Id, rightClaim, Base64Url.EncodeToString(new byte[32]));
        using var initiatorRead = await _api.ReadAsync(mailbox.Id, initiator);
        using var preview = await _api.Http.GetAsync($"v1/m/{mailbox.Id}");

        Assert.Equal(1, (await MailboxApi.AssertProblemAsync(first, 403, "wrong-pin"))["guessesLeft"]!.GetValue<int>());
        Assert.Equal(1, (await MailboxApi.AssertProblemAsync(repeat, 403, "wrong-pin"))["guessesLeft"]!.GetValue<int>());
        Assert.Equal(1, left);
        Assert.Equal(0, (await MailboxApi.AssertProblemAsync(last, 403, "wrong-pin"))["guessesLeft"]!.GetValue<int>());
        await MailboxApi.AssertProblemAsync(evaluate, 403, "pin-locked");
        await MailboxApi.AssertProblemAsync(right, 403, "pin-locked");
        Assert.Equal(HttpStatusCode.NoContent, initiatorRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Fact]
    public async Task Read_SameRequestIdWithAnotherProof_Answers409AndSpendsNothing()
    {
        var share = new TestPinShare();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), guesses: 3);
        var guesser = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        (await TestPinShare.ReadAsync(_api, mailbox.Id, guesser, Base64Url.EncodeToString(new byte[32]), requestId)).Dispose();

        using var other = await TestPinShare.ReadAsync(_api, mailbox.Id, guesser, Base64Url.EncodeToString(Enumerable.Repeat((byte)1, 32).ToArray()), requestId);

        await MailboxApi.AssertProblemAsync(other, 409, "request-id-reused");
        Assert.Equal(2, await GuessesLeftAsync(mailbox.Id));
    }

    [Fact]
    public async Task Events_InitiatorsStream_CarriesPinFailedWithGuessesLeft_ThenTheClaim()
    {
        var share = new TestPinShare();
        var initiator = Guid.NewGuid();
        var mailbox = await share.CreateAsync(_api, initiator, guesses: 3);
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        (await TestPinShare.ReadAsync(_api, mailbox.Id, Guid.NewGuid(), Base64Url.EncodeToString(new byte[32]))).Dispose();
        var recipient = Guid.NewGuid();
        (await TestPinShare.ReadAsync(_api, mailbox.Id, recipient, await share.ProofAsync(_api, mailbox.Id, recipient))).Dispose();

        var failed = await stream.ExpectAsync(1, "pin-failed", "recipient");
        Assert.Equal(2, failed.Json["guessesLeft"]!.GetValue<int>());
        var claimed = await stream.ExpectAsync(2, "claimed", "recipient");
        Assert.Null(claimed.Json["guessesLeft"]);
    }

    [Theory]
    [InlineData("oprfKey", "\"AAAA\"")] // 3 bytes
    [InlineData("oprfKey", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")] // the scalar 0
    [InlineData("oprfKey", "\"_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE\"")] // the group order n
    [InlineData("oprfKey", "\"__________________________________________8\"")] // 2^256 - 1
    [InlineData("oprfKey", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=\"")] // padded
    [InlineData("oprfKey", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAF\"")] // spare bits set
    [InlineData("oprfKey", "null")]
    [InlineData("verifier", "\"AAAA\"")]
    [InlineData("verifier", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+\"")] // standard base64
    [InlineData("verifier", "\" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")]
    [InlineData("verifier", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")] // 34 bytes
    [InlineData("guesses", "0")]
    [InlineData("guesses", "11")]
    [InlineData("guesses", "-1")]
    [InlineData("guesses", "null")]
    [InlineData("guesses", "3.5")]
    [InlineData("guesses", "\"3\"")]
    [InlineData("guesses", "99999999999")]
    public async Task Create_InvalidPinProtection_Answers400NamingTheField(string field, string json)
    {
        var share = new TestPinShare();
        var body = share.CreateBody(guesses: 3);
        body["pinProtection"]![field] = JsonNode.Parse(json);

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains(field, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("pinProtection", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"yes\"")]
    [InlineData("{\"oprfKey\":\"AAAA\",\"oprfKey\":\"AAAA\",\"verifier\":\"AAAA\",\"guesses\":1}")]
    public async Task Create_PinProtectionOfTheWrongShape_Answers400(string json)
    {
        var text = MailboxApi.CreateBody().ToJsonString()[..^1] + ",\"pinProtection\":" + json + "}";

        using var response = await _api.SendRawAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), text);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    [Theory]
    [InlineData("\"AAAA\"")]
    [InlineData("\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"")]
    [InlineData("\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")]
    [InlineData("\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+\"")]
    [InlineData("3")]
    public async Task Read_MalformedProof_Answers400AndSpendsNothing(string json)
    {
        var share = new TestPinShare();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), guesses: 3);

        using var response = await _api.SendRawAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), "{\"pinProof\":" + json + "}");

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Equal(3, await GuessesLeftAsync(mailbox.Id));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"blindedElement\":null}")]
    [InlineData("{\"blindedElement\":\"AAAA\"}")]
    [InlineData("{\"blindedElement\":\"AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB\"}")] // x = 1: not on the curve
    [InlineData("{\"blindedElement\":\"BWsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKW\"}")] // prefix 05
    [InlineData("{\"blindedElement\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")] // an encoding of the identity
    [InlineData("{\"blindedElement\":\"A2sX0fLhLEJH+Lzm5WOkQPJ3A32BLeszoPShOUXYmMKW\"}")] // standard base64
    [InlineData("{\"blindedElement\":3}")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Evaluate_BadBody_Answers400(string body)
    {
        var share = new TestPinShare();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), guesses: 3);

        using var response = await _api.SendRawAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}/pin", Guid.NewGuid(), body);
        using var notAPoint = await TestPinShare.EvaluateAsync(_api, mailbox.Id, Guid.NewGuid(), s_notAPoint);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        await MailboxApi.AssertProblemAsync(notAPoint, 400, "invalid-request");
        Assert.Equal(3, await GuessesLeftAsync(mailbox.Id));
    }

    [Fact]
    public async Task Evaluate_MailboxWithoutAPin_Answers400_UnknownMailbox404_AnotherClaimOnceBound401()
    {
        var element = Base64Url.EncodeToString(RelayPinGuess.Create(TestPinShare.Pin).BlindedElement);
        var plain = await _api.CreateAsync(Guid.NewGuid());
        var share = new TestPinShare();
        var initiator = Guid.NewGuid();
        var mailbox = await share.CreateAsync(_api, initiator);
        var recipient = Guid.NewGuid();
        (await TestPinShare.ReadAsync(_api, mailbox.Id, recipient, await share.ProofAsync(_api, mailbox.Id, recipient))).Dispose();

        using var withoutPin = await TestPinShare.EvaluateAsync(_api, plain.Id, Guid.NewGuid(), element);
        using var unknown = await TestPinShare.EvaluateAsync(_api, Guid.NewGuid(), Guid.NewGuid(), element);
        using var stranger = await TestPinShare.EvaluateAsync(_api, mailbox.Id, Guid.NewGuid(), element);
        using var bound = await TestPinShare.EvaluateAsync(_api, mailbox.Id, recipient, element);
        using var byInitiator = await TestPinShare.EvaluateAsync(_api, mailbox.Id, initiator, element);
        using var noClaim = await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}/pin", null, new JsonObject { ["blindedElement"] = element });

        await MailboxApi.AssertProblemAsync(withoutPin, 400, "invalid-request");
        await MailboxApi.AssertProblemAsync(unknown, 404, "not-found");
        await MailboxApi.AssertProblemAsync(stranger, 401, "wrong-claim");
        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byInitiator.StatusCode);
        await MailboxApi.AssertProblemAsync(noClaim, 401, "wrong-claim");
    }

    [Fact]
    public async Task Relinquish_ThenTheNextClaimMustProveAgain()
    {
        var share = new TestPinShare();
        var mailbox = await share.CreateAsync(_api, Guid.NewGuid(), rights: "RWD");
        var first = Guid.NewGuid();
        (await TestPinShare.ReadAsync(_api, mailbox.Id, first, await share.ProofAsync(_api, mailbox.Id, first))).Dispose();
        (await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", first)).Dispose();
        var second = Guid.NewGuid();

        using var bare = await _api.ReadAsync(mailbox.Id, second);
        using var proved = await TestPinShare.ReadAsync(_api, mailbox.Id, second, await share.ProofAsync(_api, mailbox.Id, second));

        await MailboxApi.AssertProblemAsync(bare, 403, "pin-required");
        Assert.Equal(HttpStatusCode.OK, proved.StatusCode);
    }

    [Fact]
    public async Task Secrets_TheOprfKeyAndVerifier_AppearInNoAnswerEventPreviewErrorOrLogLine()
    {
        // Arrange: a relay of its own, so its every log line is captured.
        var logs = new CapturedLogs();
        await using var relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var share = new TestPinShare();
        var initiator = Guid.NewGuid();
        var answers = new StringBuilder();

        async Task Keep(Task<HttpResponseMessage> sending)
        {
            using var response = await sending;
            answers.Append(response.Headers).Append(response.Content.Headers).Append(await response.Content.ReadAsStringAsync()).Append('\n');
        }

        // Act: every kind of answer a PIN mailbox gives, right and wrong.
        using var created = await api.SendAsync(HttpMethod.Post, "v1/m", initiator, share.CreateBody(guesses: 2));
        var createdText = await created.Content.ReadAsStringAsync();
        answers.Append(created.Headers).Append(createdText);
        var link = JsonNode.Parse(createdText)!["urlLink"]!.GetValue<string>();
        var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
        using var stream = await EventStreamReader.OpenAsync(http, id, initiator);
        await Keep(http.GetAsync("v1"));
        await Keep(http.GetAsync($"v1/m/{id}"));
        await Keep(api.ReadAsync(id, Guid.NewGuid()));
        await Keep(TestPinShare.ReadAsync(api, id, Guid.NewGuid(), "bad"));
        await Keep(TestPinShare.EvaluateAsync(api, id, Guid.NewGuid(), s_notAPoint));
        await Keep(TestPinShare.EvaluateAsync(api, id, Guid.NewGuid(), Base64Url.EncodeToString(RelayPinGuess.Create(TestPinShare.Pin).BlindedElement)));
        await Keep(TestPinShare.ReadAsync(api, id, Guid.NewGuid(), await share.ProofAsync(api, id, Guid.NewGuid(), pin: "7654321")));
        var recipient = Guid.NewGuid();
        await Keep(TestPinShare.ReadAsync(api, id, recipient, await share.ProofAsync(api, id, recipient)));
        await Keep(api.ReadAsync(id, initiator));
        await Keep(api.SendAsync(HttpMethod.Post, "v1/m", initiator, share.CreateBody(guesses: 0)));
        var bad = share.CreateBody(guesses: 3);
        bad["pinProtection"]!["verifier"] = "!" + Base64Url.EncodeToString(share.Verifier);
        await Keep(api.SendAsync(HttpMethod.Post, "v1/m", initiator, bad));
        bad["pinProtection"]!["oprfKey"] = Base64Url.EncodeToString(share.OprfKey) + "=";
        await Keep(api.SendAsync(HttpMethod.Post, "v1/m", initiator, bad));
        answers.Append((await stream.ExpectAsync(1, "pin-failed", "recipient")).Data).Append((await stream.ExpectAsync(2, "claimed", "recipient")).Data);

        // Assert
        var everything = answers + string.Join('\n', logs.Lines);
        Assert.Contains("wrong-pin", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { share.OprfKey, share.Verifier })
        {
            foreach (var spelling in TestPinShare.Spellings(secret))
            {
                Assert.DoesNotContain(spelling, everything, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Options_MaxPinGuesses_IsPublishedAndEnforced()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:MaxPinGuesses"] = "4" });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var share = new TestPinShare();

        var capabilities = (JsonObject)JsonNode.Parse(await http.GetStringAsync("v1"))!;
        using var four = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), share.CreateBody(guesses: 4));
        using var five = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), share.CreateBody(guesses: 5));

        Assert.True(capabilities["relayAssistedPin"]!.GetValue<bool>());
        Assert.Equal(4, capabilities["maxPinGuesses"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, four.StatusCode);
        var problem = await MailboxApi.AssertProblemAsync(five, 400, "invalid-request");
        Assert.Contains("from 1 to 4", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<int> GuessesLeftAsync(Guid mailboxId)
    {
        using var response = await TestPinShare.EvaluateAsync(_api, mailboxId, Guid.NewGuid(), Base64Url.EncodeToString(RelayPinGuess.Create(TestPinShare.Pin).BlindedElement));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await MailboxApi.JsonAsync(response))["guessesLeft"]!.GetValue<int>();
    }
}
