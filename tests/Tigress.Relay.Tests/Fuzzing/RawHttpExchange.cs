using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tigress.Relay.Tests.Fuzzing;

/// <summary>One response as it came off the wire.</summary>
internal sealed record RawResponse(int Status, string Head, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool Complete)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? MediaType => Header("Content-Type")?.Split(';', 2)[0].Trim();
}

/// <summary>
/// Sends bytes on a fresh loopback TCP connection and reads back one HTTP/1.1 response, framed by its
/// Content-Length or chunked encoding. Nothing here interprets or repairs the request: it goes out as it is.
/// </summary>
internal static class RawHttpExchange
{
    private static readonly byte[] s_endOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>The first response, or <see langword="null"/> when none came within <paramref name="patience"/>.</summary>
    public static async Task<RawResponse?> SendAsync(IPEndPoint relay, byte[] request, bool isHead, TimeSpan patience, CancellationToken cancellationToken)
    {
        // Reset on close rather than linger in TIME_WAIT: thousands of short connections would exhaust ports.
        using var socket = new Socket(relay.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        var received = new MemoryStream();
        try
        {
            await socket.ConnectAsync(relay, timeout.Token);
            try
            {
                await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                // The relay may answer and close before taking all of an oversize request; read what it said.
            }

            var buffer = new byte[16 * 1024];
            while (true)
            {
                if (TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), isHead, complete: false) is { } done)
                {
                    return done;
                }

                int read;
                try
                {
                    read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                }
                catch (SocketException)
                {
                    read = 0;
                }

                if (read == 0)
                {
                    // Closed: a response without a length ends here.
                    return TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), isHead, complete: true);
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No complete answer in time: an incomplete request the server still waits on, or a stream left open.
            return TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), isHead, complete: true) is { } partial
                ? partial with { Complete = false }
                : null;
        }
    }

    private static RawResponse? TryParse(ReadOnlySpan<byte> data, bool isHead, bool complete)
    {
        while (true)
        {
            var end = data.IndexOf(s_endOfHead);
            if (end < 0)
            {
                return null;
            }

            var head = Encoding.Latin1.GetString(data[..end]);
            var lines = head.Split("\r\n");
            var statusParts = lines[0].Split(' ', 3);
            if (statusParts.Length < 2 || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                return new RawResponse(-1, head, [], [], true);
            }

            var headers = lines.Skip(1)
                .Select(line => line.Split(':', 2))
                .Select(pair => new KeyValuePair<string, string>(pair[0], pair.Length > 1 ? pair[1].Trim() : string.Empty))
                .ToList();
            var rest = data[(end + s_endOfHead.Length)..];
            if (status is >= 100 and < 200)
            {
                // An interim answer (100 Continue): the real one follows.
                data = rest;
                continue;
            }

            var response = new RawResponse(status, head, headers, [], true);
            if (isHead || status is 204 or 304)
            {
                return response;
            }

            if (response.MediaType == "text/event-stream")
            {
                // An open event stream never ends; its head is the answer.
                return response;
            }

            if (response.Header("Content-Length") is { } lengthText && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return rest.Length >= length ? response with { Body = rest[..length].ToArray() } : null;
            }

            if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            {
                return TryDechunk(rest, out var body) ? response with { Body = body } : null;
            }

            return complete ? response with { Body = rest.ToArray() } : null;
        }
    }

    private static bool TryDechunk(ReadOnlySpan<byte> data, out byte[] body)
    {
        var output = new MemoryStream();
        body = [];
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var sizeText = Encoding.ASCII.GetString(data[..lineEnd]).Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size))
            {
                return false;
            }

            data = data[(lineEnd + 2)..];
            if (size == 0)
            {
                body = output.ToArray();
                return true;
            }

            if (data.Length < size + 2)
            {
                return false;
            }

            output.Write(data[..size]);
            data = data[(size + 2)..];
        }
    }
}
