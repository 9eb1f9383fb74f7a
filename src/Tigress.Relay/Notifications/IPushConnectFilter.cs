using System.Net;

namespace Tigress.Relay.Notifications;

/// <summary>
/// A last check on every address the push client is about to connect to, after <see cref="PushAddressPolicy"/>.
/// The relay's own filter allows everything the policy allows; the test services install one that allows loopback
/// only, so no test can send traffic off the machine.
/// </summary>
internal interface IPushConnectFilter
{
    bool Allows(IPAddress address);
}

/// <summary>Adds nothing to <see cref="PushAddressPolicy"/>.</summary>
internal sealed class AllowAllPushConnectFilter : IPushConnectFilter
{
    public bool Allows(IPAddress address) => true;
}
