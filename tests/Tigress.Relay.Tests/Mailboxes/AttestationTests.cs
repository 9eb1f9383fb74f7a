using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Attestation;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Mailboxes;

/// <summary>
/// The optional <c>Mailbox-Device-Attestation</c> header reaches the operator's verifier, whose refusal is
/// <c>401 attestation-rejected</c> with nothing done (docs/protocol.md section 7.2).
/// </summary>
public sealed class AttestationTests : IAsyncLifetime
{
    private const string Header = "Mailbox-Device-Attestation";

    private readonly OnlyAttestedDevices _verifier = new();
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        _relay = await LoopbackRelay.StartAsync(configureServices: services => services.AddSingleton<IDeviceAttestationVerifier>(_verifier));
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Create_RefusedAttestation_Answers401_AndCreatesNothing_TheRetryWithAGoodOneCreates()
    {
        var claim = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        var body = MailboxApi.CreateBody();

        using (var missing = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId))
        {
            await MailboxApi.AssertProblemAsync(missing, 401, "attestation-rejected");
        }

        using (var wrong = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId, Attested("forged")))
        {
            await MailboxApi.AssertProblemAsync(wrong, 401, "attestation-rejected");
        }

        // The same request id now runs as a new request (200, not a 201 replay): the refusals recorded nothing.
        using var accepted = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId, Attested(OnlyAttestedDevices.Good));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(
            [(MailboxOperation.Create, null), (MailboxOperation.Create, "forged"), (MailboxOperation.Create, OnlyAttestedDevices.Good)],
            _verifier.Seen.ToArray());
    }

    [Fact]
    public async Task EveryOperationWithAClaim_GoesToTheVerifier_WithItsOperation()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var good = Attested(OnlyAttestedDevices.Good);
        using var create = await _api.SendAsync(HttpMethod.Post, "v1/m", initiator, MailboxApi.CreateBody("RWD"), customize: good);
        var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();
        var path = "v1/m/" + link[(link.LastIndexOf('/') + 1)..];

        using (var unattestedRead = await _api.SendAsync(HttpMethod.Post, path, recipient))
        {
            await MailboxApi.AssertProblemAsync(unattestedRead, 401, "attestation-rejected");
        }

        (await _api.SendAsync(HttpMethod.Post, path, recipient, customize: good)).Dispose();
        (await _api.SendAsync(HttpMethod.Put, path, recipient, new JsonObject { ["payload"] = MailboxApi.Payload() }, customize: good)).Dispose();
        (await _api.SendAsync(HttpMethod.Patch, path, recipient, customize: good)).Dispose();
        using var delete = await _api.SendAsync(HttpMethod.Delete, path, initiator, customize: good);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(
            [MailboxOperation.Create, MailboxOperation.Read, MailboxOperation.Read, MailboxOperation.Update, MailboxOperation.Relinquish, MailboxOperation.Delete],
            _verifier.Seen.Select(seen => seen.Operation).ToArray());
    }

    [Fact]
    public async Task Attestation_IsNeverStored()
    {
        var evidence = OnlyAttestedDevices.Good + "-" + Guid.NewGuid().ToString("N");
        _verifier.AlsoAccept(evidence);
        var initiator = Guid.NewGuid();

        using var create = await _api.SendAsync(HttpMethod.Post, "v1/m", initiator, MailboxApi.CreateBody(), customize: Attested(evidence));
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();
        (await _api.SendAsync(HttpMethod.Post, "v1/m/" + link[(link.LastIndexOf('/') + 1)..], Guid.NewGuid(), customize: Attested(evidence))).Dispose();

        var needle = Encoding.UTF8.GetBytes(evidence);
        Assert.All(Directory.EnumerateFiles(_relay.DataDirectory, "*", SearchOption.AllDirectories), file => Assert.False(FileBytes.Contains(file, needle), file));
    }

    private static Action<HttpRequestMessage> Attested(string evidence) =>
        request => request.Headers.TryAddWithoutValidation(Header, evidence);

    /// <summary>An operator's verifier that admits only devices presenting known evidence, and records what it saw.</summary>
    private sealed class OnlyAttestedDevices : IDeviceAttestationVerifier
    {
        public const string Good = "attested-device";

        private readonly ConcurrentDictionary<string, bool> _accepted = new() { [Good] = true };

        public ConcurrentQueue<(MailboxOperation Operation, string? Attestation)> Seen { get; } = new();

        public void AlsoAccept(string evidence) => _accepted[evidence] = true;

        public ValueTask<bool> VerifyAsync(string? attestation, MailboxOperation operation, CancellationToken cancellationToken)
        {
            Seen.Enqueue((operation, attestation));
            return ValueTask.FromResult(attestation is not null && _accepted.ContainsKey(attestation));
        }
    }
}
