using System.Net;
using Tigress.Relay.RateLimiting;

namespace Tigress.Relay.Tests.RateLimiting;

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::1")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("fe80::1%3", "fe80::2%7")]
    public void Of_Ipv6AddressesInOneSlash64_ShareAKey(string first, string second) =>
        Assert.Equal(ClientKey.Of(IPAddress.Parse(first)), ClientKey.Of(IPAddress.Parse(second)));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("2001:db8::1", "2001:db9::1")]
    [InlineData("192.0.2.1", "192.0.2.2")]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.2")]
    public void Of_DifferentClients_GetDifferentKeys(string first, string second) =>
        Assert.NotEqual(ClientKey.Of(IPAddress.Parse(first)), ClientKey.Of(IPAddress.Parse(second)));

    [Fact]
    public void Of_Ipv4MappedIpv6_IsTheIpv4Address()
    {
        Assert.Equal(ClientKey.Of(IPAddress.Parse("192.0.2.7")), ClientKey.Of(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.Equal("192.0.2.7", ClientKey.Of(IPAddress.Parse("::ffff:192.0.2.7")));
    }

    [Fact]
    public void Of_Ipv6_NamesTheSlash64()
    {
        Assert.Equal("2001:db8:1:2::/64", ClientKey.Of(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
    }

    [Fact]
    public void Of_NoAddress_IsOneSharedKey()
    {
        Assert.Equal(string.Empty, ClientKey.Of(null));
    }
}
