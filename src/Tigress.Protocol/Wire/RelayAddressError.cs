namespace Tigress.Protocol.Wire;

/// <summary>Why a URL is not a <see cref="RelayAddress"/>; <see cref="RelayAddress.Describe"/> words each one.</summary>
public enum RelayAddressError
{
    /// <summary>The URL is a relay address.</summary>
    None = 0,

    /// <summary>Not an absolute URL.</summary>
    NotAbsolute = 1,

    /// <summary>Neither https nor http to a loopback address.</summary>
    InsecureScheme = 2,

    /// <summary>Carries user information (<c>name:password@</c>).</summary>
    UserInformation = 3,

    /// <summary>Carries a query or a fragment.</summary>
    QueryOrFragment = 4,
}
