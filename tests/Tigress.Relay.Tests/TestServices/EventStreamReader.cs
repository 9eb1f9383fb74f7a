using System.Text;
using System.Text.Json.Nodes;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>A Server-Sent Events client over a real HTTP response, parsing the stream as a browser would.</summary>
internal sealed class EventStreamReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly System.Threading.Channels.Channel<ServerSentEvent?> _events = System.Threading.Channels.Channel.CreateUnbounded<ServerSentEvent?>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    private EventStreamReader(HttpResponseMessage response, Stream body)
    {
        Response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Comment lines seen so far (keep-alives), without the leading colon.</summary>
    private List<string> Comments { get; } = [];

    /// <summary>Whether a comment line with this text arrived.</summary>
    public bool HasComment(string text)
    {
        lock (Comments)
        {
            return Comments.Contains(text);
        }
    }

    /// <summary>The last <c>retry:</c> value seen.</summary>
    public int? Retry { get; private set; }

    /// <summary>Opens a stream; the response may be an error, which the caller checks before reading.</summary>
    public static async Task<EventStreamReader> OpenAsync(HttpClient http, Guid mailboxId, Guid? claim, string? lastEventId = null, bool withRequestId = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/m/{mailboxId}/events");
        if (claim is { } c)
        {
            request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", c.ToString());
        }

        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        if (withRequestId)
        {
            request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", Guid.NewGuid().ToString());
        }

        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            // An error answer is read whole, so a test can check its problem document.
            await response.Content.LoadIntoBufferAsync();
            return new EventStreamReader(response, Stream.Null);
        }

        var reader = new EventStreamReader(response, await response.Content.ReadAsStreamAsync());
        reader._pump = Task.Run(reader.PumpAsync);
        return reader;
    }

    /// <summary>The next event, or null when the relay ended the stream; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    /// <remarks>A background reader keeps the connection drained, so a timed-out wait leaves the stream intact.</remarks>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan? timeout = null)
    {
        _pump ??= Task.Run(PumpAsync);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _events.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No event arrived in time.");
        }
    }

    private async Task PumpAsync()
    {
        string? id = null;
        var data = new StringBuilder();
        try
        {
            while (await _reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        _events.Writer.TryWrite(new ServerSentEvent(id, data.ToString()));
                        data.Clear();
                    }

                    continue;
                }

                if (line[0] == ':')
                {
                    lock (Comments)
                    {
                        Comments.Add(line[1..].Trim());
                    }

                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
                switch (field)
                {
                    case "id":
                        id = value;
                        break;
                    case "data":
                        data.Append(data.Length > 0 ? "\n" : string.Empty).Append(value);
                        break;
                    case "retry":
                        Retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected field '{field}' in the event stream.");
                }
            }

            // End of stream: readers see null from now on.
            _events.Writer.TryWrite(null);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
        {
            _events.Writer.TryComplete(e);
        }
    }

    /// <summary>Reads the next event and checks its id, event and side; a <c>pin-failed</c> event also carries <c>guessesLeft</c>.</summary>
    public async Task<ServerSentEvent> ExpectAsync(long id, string kind, string? side, TimeSpan? timeout = null)
    {
        var next = await NextAsync(timeout) ?? throw new InvalidOperationException($"The stream ended before event {id} ({kind}).");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), next.Id);
        Assert.Equal(kind, next.Json["event"]!.GetValue<string>());
        Assert.Equal(side, next.Json["side"]?.GetValue<string>());
        var guessesLeft = kind == "pin-failed" ? 1 : 0;
        Assert.Equal(guessesLeft == 1, next.Json.ContainsKey("guessesLeft"));
        Assert.Equal((side is null ? 1 : 2) + guessesLeft, next.Json.Count);
        return next;
    }

    /// <summary>Checks that the relay closed the stream.</summary>
    public async Task ExpectEndAsync(TimeSpan? timeout = null) => Assert.Null(await NextAsync(timeout));

    /// <remarks>
    /// A read still pending when the response is disposed could take the next response's bytes off a reused
    /// connection; cancelling it first makes the client drop the connection instead.
    /// </remarks>
    public void Dispose()
    {
        _stop.Cancel();
        _pump?.Wait(TimeSpan.FromSeconds(5));
        _reader.Dispose();
        Response.Dispose();
        _stop.Dispose();
    }
}

internal sealed record ServerSentEvent(string? Id, string Data)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Data)!;
}
