using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tigress.Protocol.Pake;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>
/// A relay-assisted PIN share as a client makes it (docs/protocol.md section 12.6): the initiator's OPRF key and
/// verifier for the create request, and the recipient's proof, reached through the relay's evaluation.
/// </summary>
internal sealed class TestPinShare
{
    public const string Pin = "1234567";

    public TestPinShare(int secretLength = 16)
    {
        Secret = RandomNumberGenerator.GetBytes(secretLength);
        using var share = RelayPinShare.Create(Pin, Secret);
        OprfKey = share.ExportOprfKey();
        Verifier = share.Verifier.ToArray();
    }

    /// <summary>The share key from the link, which the relay never sees.</summary>
    public byte[] Secret { get; }

    public byte[] OprfKey { get; }

    public byte[] Verifier { get; }

    public JsonObject Protection(int guesses) => new()
    {
        ["oprfKey"] = Base64Url.EncodeToString(OprfKey),
        ["verifier"] = Base64Url.EncodeToString(Verifier),
        ["guesses"] = guesses,
    };

    public JsonObject CreateBody(int guesses, string? data = null, string? rights = null)
    {
        var body = MailboxApi.CreateBody(rights: rights, data: data);
        body["pinProtection"] = Protection(guesses);
        return body;
    }

    public async Task<Mailbox> CreateAsync(MailboxApi api, Guid initiator, int guesses = 3, string? data = null, string? rights = null)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "v1/m", initiator, CreateBody(guesses, data, rights));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await MailboxApi.JsonAsync(response))["urlLink"]!.GetValue<string>();
        return new Mailbox(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), link);
    }

    /// <summary>The recipient's side: blinds <paramref name="pin"/>, has the relay evaluate it, and derives the proof.</summary>
    public async Task<string> ProofAsync(MailboxApi api, Guid mailboxId, Guid claim, string pin = Pin)
    {
        using var guess = RelayPinGuess.Create(pin);
        using var evaluated = await EvaluateAsync(api, mailboxId, claim, Base64Url.EncodeToString(guess.BlindedElement));
        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        var element = Base64Url.DecodeFromChars((await MailboxApi.JsonAsync(evaluated))["evaluatedElement"]!.GetValue<string>());
        Assert.True(guess.TryFinish(element, Secret, out var proof));
        using (proof)
        {
            return Base64Url.EncodeToString(proof.ProofKey);
        }
    }

    public static Task<HttpResponseMessage> EvaluateAsync(MailboxApi api, Guid mailboxId, Guid claim, string blindedElement, Guid? requestId = null) =>
        api.SendAsync(HttpMethod.Post, $"v1/m/{mailboxId}/pin", claim, new JsonObject { ["blindedElement"] = blindedElement }, requestId);

    public static Task<HttpResponseMessage> ReadAsync(MailboxApi api, Guid mailboxId, Guid claim, string? proof, Guid? requestId = null) =>
        api.SendAsync(HttpMethod.Post, $"v1/m/{mailboxId}", claim, proof is null ? null : new JsonObject { ["pinProof"] = proof }, requestId);

    /// <summary>Every spelling in which a secret could leak into an answer or a log line.</summary>
    public static IEnumerable<string> Spellings(byte[] secret) =>
    [
        Base64Url.EncodeToString(secret),
        Convert.ToBase64String(secret),
        Convert.ToHexStringLower(secret),
        Convert.ToHexString(secret),
        Base64Url.EncodeToString(secret.AsSpan(0, 24)),
        Convert.ToBase64String(secret.AsSpan(0, 24)),
    ];
}
