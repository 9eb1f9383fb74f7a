using System.Net;

namespace Tigress.Relay.Notifications;

/// <summary>
/// A last check on every address the push client is about to connect to, after <see cref="PushAddressPolicy"/>.
/// The relay's own filter allows everything the policy allows; with <see cref="PushOptions.LoopbackOnly"/>, which
/// every test relay sets, it allows 127.0.0.1 and ::1 only, so no test can send traffic off the machine.
/// </summary>
internal interface IPushConnectFilter
{
    bool Allows(IPAddress address);
}

/// <summary>Adds nothing to <see cref="PushAddressPolicy"/>, or with <c>loopbackOnly</c> refuses all but 127.0.0.1 and ::1.</summary>
internal sealed class PushConnectFilter(bool loopbackOnly) : IPushConnectFilter
{
    public bool Allows(IPAddress address) =>
        !loopbackOnly || address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback);
}
