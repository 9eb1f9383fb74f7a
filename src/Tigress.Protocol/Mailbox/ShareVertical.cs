namespace Tigress.Protocol.Mailbox;

/// <summary>
/// The <c>v</c> parameter of a share URL (docs/protocol.md section 3): it lets the receiving device pick the right app
/// before anything is decrypted. Each value is the character written in the URL.
/// </summary>
public enum ShareVertical
{
    /// <summary>General access (<c>a</c>); the default when the parameter is absent.</summary>
    GeneralAccess = 'a',

    /// <summary>Home key (<c>h</c>).</summary>
    HomeKey = 'h',

    /// <summary>Car key (<c>c</c>).</summary>
    CarKey = 'c',
}
