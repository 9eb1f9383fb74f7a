namespace Tigress.Client.Http;

/// <summary>One event dispatched by <see cref="ServerSentEventReader"/>, as the HTML standard's event stream
/// interpretation defines it: its type (<c>message</c> when the stream named none), its data, and the stream's last
/// event id at dispatch.</summary>
internal readonly record struct ServerSentEvent(string Type, string Data, string LastEventId);
