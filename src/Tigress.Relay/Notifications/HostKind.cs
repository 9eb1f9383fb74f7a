namespace Tigress.Relay.Notifications;

/// <summary>What a URL's host names, as <see cref="PushAddressPolicy.ClassifyHost"/> tells it without resolving.</summary>
internal enum HostKind
{
    /// <summary>A name to resolve; only its addresses can say whether it is public.</summary>
    Name = 0,

    /// <summary><c>localhost</c> or a name under <c>.localhost</c> (RFC 6761).</summary>
    LoopbackName = 1,

    /// <summary>A loopback address literal.</summary>
    LoopbackAddress = 2,

    /// <summary>An address literal that is neither public nor loopback (private, link-local, reserved...).</summary>
    NonPublicAddress = 3,

    /// <summary>A public unicast address literal.</summary>
    PublicAddress = 4,

    /// <summary>
    /// Spelled with characters IDNA maps or ignores (<see cref="PushAddressPolicy.HasCompatibilityCharacters"/>):
    /// what it names depends on who maps it, so it is refused like a non-public host.
    /// </summary>
    CompatibilityForm = 5,
}
