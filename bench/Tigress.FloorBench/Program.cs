using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// The floor of an ASP.NET Core request: Kestrel with routing and nothing else. It answers the requests of the wrk
// workloads in bench/wrk (the mailbox exchange, the dropbox cycle) as the relay would, with fixed bodies, reading
// each request's body and doing no other work: no JSON, no store, no logging. What the relay spends per request
// above what this spends is the relay's own work. Kestrel runs with its default settings.
// Usage: Tigress.FloorBench URL (e.g. http://127.0.0.1:5080)
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out _))
{
    Console.Error.WriteLine("usage: Tigress.FloorBench URL");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[0]);
var app = builder.Build();

// The mailbox exchange: the create answers a link (the script takes the mailbox's path from it), a read a payload.
var created = Encoding.UTF8.GetBytes("""{"urlLink":"http://127.0.0.1/v1/m/6c0f2a4e-1b7d-4c53-9a1e-0d3c5b8f7a21#k","mailboxId":"6c0f2a4e-1b7d-4c53-9a1e-0d3c5b8f7a21"}""");
var read = Encoding.UTF8.GetBytes("""{"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""");
var updated = Encoding.UTF8.GetBytes("""{"sequence":2}""");
app.MapPost("/v1/m", context => Answer(context, created, "application/json"));
app.MapPost("/v1/m/{id}", context => Answer(context, read, "application/json"));
app.MapPut("/v1/m/{id}", context => Answer(context, updated, "application/json"));
app.MapDelete("/v1/m/{id}", context => Answer(context, [], "application/json"));

// The dropbox cycle: messages are kept in memory, by location, until deleted.
var messages = new ConcurrentDictionary<string, byte[]>();
app.MapPut("/d/{location}", async (HttpContext context, string location) =>
{
    messages[location] = await Body(context);
    context.Response.StatusCode = StatusCodes.Status201Created;
});
app.MapGet("/d/{location}", (HttpContext context, string location) =>
    messages.TryGetValue(location, out var message) ? Answer(context, message, "application/octet-stream") : NotFound(context));
app.MapDelete("/d/{location}", (HttpContext context, string location) =>
    messages.TryRemove(location, out _) ? Answer(context, null, null) : NotFound(context));
app.Run();
return 0;

static async Task Answer(HttpContext context, byte[]? body, string? type)
{
    await Body(context);
    if (body is null)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return;
    }

    context.Response.ContentType = type;
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
}

static Task NotFound(HttpContext context)
{
    context.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
}

static async Task<byte[]> Body(HttpContext context)
{
    using var buffer = new MemoryStream();
    await context.Request.Body.CopyToAsync(buffer);
    return buffer.ToArray();
}
