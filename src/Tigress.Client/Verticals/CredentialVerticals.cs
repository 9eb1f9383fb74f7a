using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;

namespace Tigress.Client.Verticals;

/// <summary>The verticals this library ships, as shared instances (they keep no per-transfer state).</summary>
public static class CredentialVerticals
{
    private static readonly Lazy<AuthorizationTokenVertical> s_authorizationToken = new(() => new AuthorizationTokenVertical());
    private static readonly Lazy<CarKeyVertical> s_carKey = new(() => new CarKeyVertical());
    private static readonly Lazy<IReadOnlyList<ICredentialVertical>> s_default = new(() => [AuthorizationToken, CarKey]);

    /// <summary><c>digitalwallet.generic.authorizationToken</c>: one message, initiator to recipient.</summary>
    public static AuthorizationTokenVertical AuthorizationToken => s_authorizationToken.Value;

    /// <summary><c>digitalwallet.carkey.ccc</c>: the three-message car key demonstration, with an owner key generated
    /// per share.</summary>
    public static CarKeyVertical CarKey => s_carKey.Value;

    /// <summary>Both of the above.</summary>
    public static IReadOnlyList<ICredentialVertical> Default => s_default.Value;
}
