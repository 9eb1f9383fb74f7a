using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tigress.Relay.Mailboxes;

/// <summary>
/// <c>{id:mailboxid}</c>: matches only a canonical mailbox id (<see cref="MailboxIds.TryParse"/>), so any other
/// spelling finds no route and is a 404 on every <c>/v1/m/{id}</c> path.
/// </summary>
internal sealed class MailboxIdRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string text && MailboxIds.TryParse(text, out _);
}
