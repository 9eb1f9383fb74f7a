using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tigress.Testing;

/// <summary>
/// Makes a <see cref="LoopbackRelay"/> behave like a relay without the event stream (docs/protocol.md section 8): <c>GET
/// /v1/m/{id}/events</c> answers a bare 404, as for a route the relay does not have. Everything else is the real
/// relay, long polls included.
/// </summary>
public sealed class WithoutEventStream : IStartupFilter
{
    /// <summary>Pass to <see cref="LoopbackRelay.StartAsync"/> as its services hook.</summary>
    public static void Apply(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new WithoutEventStream());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/v1/m/", StringComparison.Ordinal) && path.EndsWith("/events", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await following(context);
        });
        next(app);
    };
}
