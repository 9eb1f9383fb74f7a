using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>
/// Push tarpits (endpoints that accept and never answer) from several client addresses cannot starve another
/// client's wake-ups: over real sockets on loopback, the legitimate push arrives while every tarpit connection is
/// still held, where first come first served left it waiting for the tarpits' attempts to time out.
/// </summary>
public sealed class PushFairnessTests
{
    private const int Attackers = 3;
    private const int WakeUpsPerAttacker = 8;

    [Fact]
    public async Task Push_TarpitsFromSeveralAddresses_DoNotDelayAnotherClientsPush()
    {
        await using var push = await FakePushService.StartAsync();
        var tarpits = Enumerable.Range(0, Attackers).Select(_ => Tarpit.Start()).ToList();
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Push:AllowLoopback"] = "true",
            ["Relay:Push:VapidSubject"] = "mailto:push-tests@example.org",

            // Far longer than the test: a tarpit connection the relay let go would be its attempt timing out.
            ["Relay:Push:SendTimeout"] = "00:02:00",
        });
        try
        {
            // Arrange: each attacker address (127.0.0.2 to .4) wakes its tarpit's subscriptions, more than all senders.
            for (var a = 0; a < Attackers; a++)
            {
                var api = new MailboxApi(ClientFrom(relay, $"127.0.0.{2 + a}"));
                for (var i = 0; i < WakeUpsPerAttacker; i++)
                {
                    await WakeAsync(api, tarpits[a].Endpoint($"victim-{i}"));
                }
            }

            // The tarpits hold connections: at least their clients' and origins' shares of the senders.
            await Eventually.TrueAsync(() => tarpits.Sum(t => t.Held) >= 8, "the tarpits were never reached", TimeSpan.FromSeconds(60));

            // Act: a client at another address (127.0.0.9) wakes a device on a push service that answers.
            var legit = new MailboxApi(ClientFrom(relay, "127.0.0.9"));
            await WakeAsync(legit, push.Endpoint("legit"));
            var delivered = await push.NextAsync("legit", TimeSpan.FromSeconds(60));

            // Assert: delivered while no tarpit attempt has ended (each holds its connection until it times out).
            Assert.NotNull(delivered);
            Assert.All(tarpits, t => Assert.Equal(t.Accepted, t.Held));
        }
        finally
        {
            tarpits.ForEach(t => t.Dispose());
        }
    }

    [Fact]
    public async Task Push_AnOriginThatNeverAnswers_HasItsCircuitOpened_AndIsNotTriedForEveryWakeUp()
    {
        const int WakeUps = 12;
        using var tarpit = Tarpit.Start();
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Push:AllowLoopback"] = "true",
            ["Relay:Push:VapidSubject"] = "mailto:push-tests@example.org",
            ["Relay:Push:SendTimeout"] = "00:00:00.200",
            ["Relay:Push:MaxAttempts"] = "1",
        });
        var skipped = 0;
        var factory = (System.Diagnostics.Metrics.IMeterFactory)relay.Services.GetService(typeof(System.Diagnostics.Metrics.IMeterFactory))!;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "tigress.relay.push.skipped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "tigress.outcome" && (string?)tag.Value == "circuit_open")
                {
                    Interlocked.Add(ref skipped, (int)value);
                }
            }
        });
        listener.Start();
        var api = new MailboxApi(relay.CreateClient());

        for (var i = 0; i < WakeUps; i++)
        {
            await WakeAsync(api, tarpit.Endpoint($"victim-{i}"));
        }

        // Every wake-up is either tried (a connection to the tarpit) or held back by the open circuit.
        await Eventually.TrueAsync(() => tarpit.Accepted + Volatile.Read(ref skipped) == WakeUps, "every wake-up tried or held back", TimeSpan.FromSeconds(60));

        // 5 unanswered attempts open it; at most 3 more were already under way (an origin has 4 senders at most).
        Assert.InRange(tarpit.Accepted, 5, 8);
        Assert.InRange(Volatile.Read(ref skipped), WakeUps - 8, WakeUps - 5);
        api.Http.Dispose();
    }

    private static async Task WakeAsync(MailboxApi api, string endpoint)
    {
        using var device = new TestSubscription(endpoint);
        var initiator = Guid.NewGuid();
        var mailbox = await api.CreateAsync(initiator, rights: "RW");
        using (var claim = await api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), new JsonObject { ["notificationToken"] = device.Token(asString: true) }))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        }

        using var write = await api.WriteAsync(mailbox.Id, initiator);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
    }

    // A client whose requests come from the given loopback address, so the relay counts it as its own client.
    private static HttpClient ClientFrom(LoopbackRelay relay, string source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = relay.BaseUri,
        Timeout = TimeSpan.FromSeconds(90),
    };

    /// <summary>A push endpoint that accepts connections and never answers, counting the connections it holds.</summary>
    private sealed class Tarpit : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentBag<Socket> _sockets = [];
        private int _accepted;

        private Tarpit()
        {
        }

        public int Accepted => Volatile.Read(ref _accepted);

        // Connections the relay still holds open: closed ones read as readable with nothing to read.
        public int Held => _sockets.Count(socket => !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0));

        public static Tarpit Start()
        {
            var tarpit = new Tarpit();
            tarpit._listener.Start();
            _ = tarpit.AcceptAsync();
            return tarpit;
        }

        public string Endpoint(string name) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/push/{name}";

        public void Dispose()
        {
            _listener.Stop();
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    _sockets.Add(await _listener.AcceptSocketAsync());
                    Interlocked.Increment(ref _accepted);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
