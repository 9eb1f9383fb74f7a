using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tigress.Protocol.Pake;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Fuzzing;

/// <summary>A live mailbox the fuzzer aims at, with both sides' claims.</summary>
internal sealed record FuzzMailbox(Guid Id, Guid Initiator, Guid Recipient);

/// <summary>
/// Valid requests for every endpoint of the relay, against mailboxes and dropbox locations that exist, so that
/// mutations start from requests that reach the handlers.
/// </summary>
internal sealed class FuzzCorpus(string host, IReadOnlyList<FuzzMailbox> mailboxes, IReadOnlyList<string> locations)
{
    public static readonly IReadOnlyList<string> Endpoints =
    [
        "POST /v1/m", "POST /v1/m/{id}", "PUT /v1/m/{id}", "PATCH /v1/m/{id}", "DELETE /v1/m/{id}", "GET /v1/m/{id}",
        "GET /v1/m/{id}/events", "POST /v1/m/{id}/pin", "GET /v1", "PUT /d/{location}", "GET /d/{location}", "DELETE /d/{location}",
        "GET /healthz",
    ];

    // The compressed base point of P-256: a valid blinded element.
    private static readonly string s_basePoint = Base64Url.EncodeToString(Convert.FromHexString("036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"));

    public FuzzRequest Valid(string endpoint, Random random)
    {
        var mailbox = mailboxes[random.Next(mailboxes.Count)];
        var location = random.Next(4) == 0 ? NewLocation(random) : locations[random.Next(locations.Count)];
        var request = endpoint switch
        {
            "POST /v1/m" => Mailbox("POST", "/v1/m", Guid.NewGuid(), CreateBody(random).ToJsonString()),
            "POST /v1/m/{id}" => Mailbox("POST", $"/v1/m/{mailbox.Id}", mailbox.Recipient, random.Next(3) switch
            {
                0 => null,
                1 => new JsonObject { ["notificationToken"] = new JsonObject { ["type"] = "x.test", ["tokenData"] = "t" } }.ToJsonString(),
                _ => new JsonObject { ["pinProof"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) }.ToJsonString(),
            }),
            "POST /v1/m/{id}/pin" => Mailbox("POST", $"/v1/m/{mailbox.Id}/pin", mailbox.Recipient, new JsonObject { ["blindedElement"] = s_basePoint }.ToJsonString()),
            "PUT /v1/m/{id}" => Mailbox("PUT", $"/v1/m/{mailbox.Id}", mailbox.Initiator, random.Next(2) == 0
                ? new JsonObject { ["payload"] = MailboxApi.Payload() }.ToJsonString()
                : new JsonObject { ["displayInformation"] = MailboxApi.Display(), ["mailboxConfiguration"] = new JsonObject { ["accessRights"] = "RW", ["expiration"] = "2099-01-01T00:00:00Z" } }.ToJsonString()),
            "PATCH /v1/m/{id}" => Mailbox("PATCH", $"/v1/m/{mailbox.Id}", mailbox.Recipient, null),
            "DELETE /v1/m/{id}" => Mailbox("DELETE", $"/v1/m/{mailbox.Id}", random.Next(2) == 0 ? mailbox.Initiator : mailbox.Recipient, null),
            "GET /v1/m/{id}" => Plain("GET", $"/v1/m/{mailbox.Id}"),
            "GET /v1/m/{id}/events" => Mailbox("GET", $"/v1/m/{mailbox.Id}/events", mailbox.Initiator, null),
            "GET /v1" => Plain("GET", "/v1"),
            "PUT /d/{location}" => Plain("PUT", $"/d/{location}", RandomNumberGenerator.GetBytes(random.Next(1, 300))),
            "GET /d/{location}" => Plain("GET", $"/d/{location}"),
            "DELETE /d/{location}" => Plain("DELETE", $"/d/{location}"),
            "GET /healthz" => Plain("GET", "/healthz"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };

        if (endpoint is "POST /v1/m/{id}" or "GET /d/{location}" && random.Next(3) == 0)
        {
            request.Headers.Add(("Prefer", "wait=1"));
        }

        return request;

        FuzzRequest Plain(string method, string target, byte[]? body = null)
        {
            var plain = new FuzzRequest { Endpoint = endpoint, Method = method, Target = target, Body = body ?? [] };
            plain.Headers.Add(("Host", host));
            return plain;
        }

        FuzzRequest Mailbox(string method, string target, Guid claim, string? json)
        {
            var request = Plain(method, target, json is null ? null : Encoding.UTF8.GetBytes(json));
            request.Headers.Add(("Mailbox-Request-ID", Guid.NewGuid().ToString()));
            request.Headers.Add(("Mailbox-Device-Claim", claim.ToString()));
            if (json is not null)
            {
                request.Headers.Add(("Content-Type", "application/json"));
            }

            return request;
        }
    }

    // Half the creates carry a relay-assisted PIN.
    private static JsonObject CreateBody(Random random)
    {
        var body = MailboxApi.CreateBody(rights: "RWD");
        if (random.Next(2) == 0)
        {
            body["pinProtection"] = new JsonObject
            {
                ["oprfKey"] = Base64Url.EncodeToString(P256Oprf.GenerateKey()),
                ["verifier"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
                ["guesses"] = 3,
            };
        }

        return body;
    }

    public static string NewLocation(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
