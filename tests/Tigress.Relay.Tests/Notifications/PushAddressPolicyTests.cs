using System.Net;
using System.Net.Sockets;
using Tigress.Relay.Notifications;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>The SSRF policy: which addresses and endpoints push may reach. No test here opens a connection.</summary>
public sealed class PushAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.20.10.5")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("192.168.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("198.18.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:2::1")]
    [InlineData("2001:2:0:ffff::1")]
    [InlineData("2001:10::1")]
    [InlineData("2001:1f:ffff::1")]
    [InlineData("2001:20::1")]
    [InlineData("2001:2f:ffff::1")]
    public void IsPublic_NonPublicAddress_IsFalse(string address)
    {
        Assert.False(PushAddressPolicy.IsPublic(IPAddress.Parse(address)));
        Assert.False(new PushAddressPolicy(allowLoopback: false).Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("64:ff9b::808:808")]
    public void IsPublic_PublicAddress_IsTrue(string address)
    {
        Assert.True(PushAddressPolicy.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    public void Allows_WithAllowLoopback_AddsLoopbackAndNothingElse(string address, bool allowed)
    {
        Assert.Equal(allowed, new PushAddressPolicy(allowLoopback: true).Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("https://push.example.org/send/abc", true)]
    [InlineData("https://push.example.org:8443/send/abc", true)]
    [InlineData("https://8.8.8.8/send", true)]
    [InlineData("http://push.example.org/send/abc", false)]
    [InlineData("ftp://push.example.org/send", false)]
    [InlineData("https://127.0.0.1/send", false)]
    [InlineData("https://127.0.0.1:8443/send", false)]
    [InlineData("https://[::1]/send", false)]
    [InlineData("https://[::ffff:127.0.0.1]/send", false)]
    [InlineData("https://10.0.0.1/send", false)]
    [InlineData("https://172.16.5.4/send", false)]
    [InlineData("https://192.168.1.1/send", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    [InlineData("https://[fe80::1]/send", false)]
    [InlineData("https://localhost/send", false)]
    [InlineData("https://relay.localhost/send", false)]
    [InlineData("https://localhost./send", false)]
    [InlineData("https://foo.localhost./send", false)]
    [InlineData("https://LocalHost./send", false)]
    [InlineData("https://127.0.0.1./send", false)]
    [InlineData("https://127\u30020\u30020\u30021/send", false)]
    [InlineData("https://127\uFF0E0\uFF0E0\uFF0E1/send", false)]
    [InlineData("https://\u2460\u2461\u2466.0.0.1/send", false)]
    [InlineData("https://\u2460\u2460.0.0.1/send", false)]
    [InlineData("https://\u24DB\u24DE\u24D2\u24D0\u24DB\u24D7\u24DE\u24E2\u24E3/send", false)]
    [InlineData("https://push.example.org:0/send", false)]
    [InlineData("https://push.example.org./send", true)]
    [InlineData("https://b\u00FCcher.example/send", true)]
    [InlineData("https://\uFF11\uFF12\uFF17.0.0.1/send", false)]
    [InlineData("https://loc\u00ADalhost/send", false)]
    [InlineData("https://\u2170\u2170.0.0.1/send", false)]
    [InlineData("https://user:secret@push.example.org/send", false)]
    [InlineData("https://push.example.org/send#fragment", false)]
    [InlineData("/relative/path", false)]
    [InlineData("", false)]
    public void TryCheckEndpoint_WithoutLoopback_AcceptsOnlyHttpsOnPublicHosts(string endpoint, bool accepted)
    {
        var guard = Guard(allowLoopback: false, new TestResolver());

        Assert.Equal(accepted, guard.TryCheckEndpoint(endpoint, out _, out var reason));
        Assert.Equal(accepted, reason is null);
        if (reason is not null)
        {
            Assert.DoesNotContain(endpoint.Length > 0 ? endpoint : "\u0000", reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://push.example.org/", nameof(HostKind.Name))]
    [InlineData("https://push.example.org./", nameof(HostKind.Name))]
    [InlineData("https://b\u00FCcher.example/", nameof(HostKind.Name))]
    [InlineData("https://localhost./", nameof(HostKind.LoopbackName))]
    [InlineData("https://a.b.LOCALHOST/", nameof(HostKind.LoopbackName))]
    [InlineData("https://127.0.0.1./", nameof(HostKind.LoopbackAddress))]
    [InlineData("https://127\u30020\u30020\u30021/", nameof(HostKind.LoopbackAddress))]
    [InlineData("https://[::1]/", nameof(HostKind.LoopbackAddress))]
    [InlineData("https://10.0.0.1./", nameof(HostKind.NonPublicAddress))]
    [InlineData("https://8.8.8.8/", nameof(HostKind.PublicAddress))]
    [InlineData("https://\u2460\u2461\u2466.0.0.1/", nameof(HostKind.CompatibilityForm))]
    [InlineData("https://\u24DB\u24DE\u24D2\u24D0\u24DB\u24D7\u24DE\u24E2\u24E3/", nameof(HostKind.CompatibilityForm))]
    [InlineData("https://\uD835\uDFCF\uD835\uDFD0\uD835\uDFD5.0.0.1/", nameof(HostKind.CompatibilityForm))]
    [InlineData("https://push\uFEFF.example.org/", nameof(HostKind.CompatibilityForm))]
    public void ClassifyHost_AnySpelling_IsJudgedAsTheResolverSeesIt(string url, string expected)
    {
        Assert.Equal(expected, PushAddressPolicy.ClassifyHost(new Uri(url)).ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/push/a", true)]
    [InlineData("http://[::1]:5000/push/a", true)]
    [InlineData("http://localhost:5000/push/a", true)]
    [InlineData("http://localhost.:5000/push/a", true)]
    [InlineData("http://127\u30020\u30020\u30021:5000/push/a", true)]
    [InlineData("http://127.0.0.1:0/push/a", false)]
    [InlineData("https://127.0.0.1:5000/push/a", true)]
    [InlineData("http://push.example.org/send", false)]
    [InlineData("http://10.0.0.1/send", false)]
    [InlineData("https://10.0.0.1/send", false)]
    public void TryCheckEndpoint_WithLoopbackForTests_AllowsLoopbackOverHttpOnly(string endpoint, bool accepted)
    {
        var guard = Guard(allowLoopback: true, new TestResolver());

        Assert.Equal(accepted, guard.TryCheckEndpoint(endpoint, out _, out _));
    }

    [Theory]
    [InlineData("internal.example", "10.0.0.7")]
    [InlineData("metadata.example", "169.254.169.254")]
    [InlineData("rebind.example", "127.0.0.1")]
    [InlineData("v6.example", "fd00::7")]
    [InlineData("mapped.example", "::ffff:192.168.0.1")]
    [InlineData("mixed.example", "8.8.8.8", "10.0.0.7")]
    public async Task Connect_NameResolvingToAnyNonPublicAddress_IsRefusedBeforeConnecting(string host, params string[] addresses)
    {
        var resolver = new TestResolver().Add(host, [.. addresses.Select(IPAddress.Parse)]);
        var filtered = new List<IPAddress>();
        var guard = Guard(allowLoopback: false, resolver, filtered);
        Assert.True(guard.TryCheckEndpoint($"https://{host}/push", out _, out _), "A name passes the registration check; its addresses are checked at delivery.");
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync($"https://{host}/push", new ByteArrayContent([1])));

        // The policy stopped every non-public address before the last check (and any socket) saw it.
        Assert.IsType<PushEndpointRefusedException>(error.InnerException);
        Assert.DoesNotContain(filtered, address => !PushAddressPolicy.IsPublic(address));
    }

    [Fact]
    public async Task Connect_UnknownName_IsRefused()
    {
        var guard = Guard(allowLoopback: false, new TestResolver());
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("https://nowhere.example/push", new ByteArrayContent([1])));

        Assert.IsType<PushEndpointRefusedException>(error.InnerException);
    }

    [Fact]
    public async Task Connect_PublicAddress_IsStoppedByTheTestFilterSoNothingLeavesTheMachine()
    {
        var resolver = new TestResolver().Add("push.example.org", IPAddress.Parse("8.8.8.8"));
        var filtered = new List<IPAddress>();
        var guard = Guard(allowLoopback: false, resolver, filtered);
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("https://push.example.org/push", new ByteArrayContent([1])));

        Assert.IsType<PushEndpointRefusedException>(error.InnerException);
        Assert.Equal([IPAddress.Parse("8.8.8.8")], filtered);
    }

    [Fact]
    public async Task Connect_PlainHttpToLoopbackWithoutTheTestFlag_IsRefused()
    {
        var guard = Guard(allowLoopback: false, new TestResolver());
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("http://127.0.0.1:9/push", new ByteArrayContent([1])));

        Assert.IsType<PushEndpointRefusedException>(error.InnerException);
    }

    private static PushEndpointGuard Guard(bool allowLoopback, TestResolver resolver, List<IPAddress>? filtered = null) =>
        new(new PushAddressPolicy(allowLoopback), resolver, new LoopbackOnlyFilter(filtered ?? []));

    /// <summary>Like the relay tests' filter: loopback only, and it records what reached it.</summary>
    private sealed class LoopbackOnlyFilter(List<IPAddress> seen) : IPushConnectFilter
    {
        public bool Allows(IPAddress address)
        {
            seen.Add(address);
            return IPAddress.IsLoopback(address);
        }
    }

    private sealed class TestResolver : IPushAddressResolver
    {
        private readonly Dictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

        public TestResolver Add(string host, params IPAddress[] addresses)
        {
            _names[host] = addresses;
            return this;
        }

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            _names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
