using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Tigress.Relay.Problems;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Connection middleware for request lines that do not end in <c>HTTP/1.1</c> or <c>HTTP/1.0</c> (<c>HTTP/1.2</c>,
/// <c>HTTX/1.1</c>, no version, a line broken in two), which Kestrel answers <c>505</c> or <c>400</c> with no body.
/// Bad input is a 4xx with a problem document here, so the first request line of a plain connection is looked at
/// before Kestrel reads it, without consuming anything, and such a request gets a <c>400</c> problem and a close.
/// Later requests on a kept-alive connection, and TLS connections (this runs before the handshake), are left to
/// Kestrel: docs/relay.md says so.
/// </summary>
internal static class HttpVersionGuard
{
    private const byte TlsHandshakeRecord = 0x16;

    // Kestrel's own limit on a request line; a longer one is Kestrel's to refuse (414).
    private const int MaxRequestLine = 8 * 1024;

    // How long the guard waits for a first line before it hands the connection to Kestrel unjudged, where Kestrel's own
    // header timeout applies: short, so an idle connection (a browser's preconnect, a slow client) is held no longer.
    private static readonly TimeSpan s_lineTimeout = TimeSpan.FromSeconds(5);

    private static readonly byte[] s_answer = BuildAnswer();

    public static ConnectionDelegate Use(ConnectionDelegate next) => async connection =>
    {
        bool refuse;
        try
        {
            refuse = await HasUnknownVersionAsync(connection.Transport.Input).ConfigureAwait(false);
            if (refuse)
            {
                await connection.Transport.Output.WriteAsync(s_answer).ConfigureAwait(false);
                await connection.Transport.Output.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            // The client went away first: nothing to answer, and nothing for the error log.
            connection.Abort();
            return;
        }

        if (!refuse)
        {
            await next(connection).ConfigureAwait(false);
        }
    };

    private static async Task<bool> HasUnknownVersionAsync(PipeReader input)
    {
        using var timeout = new CancellationTokenSource(s_lineTimeout);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var verdict = Judge(buffer, result.IsCompleted);
                if (verdict is not null)
                {
                    // Nothing consumed or examined: Kestrel reads the same bytes at once.
                    input.AdvanceTo(buffer.Start);
                    return verdict.Value;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            // The line never ended in time: Kestrel's own timeout takes over.
            return false;
        }
    }

    // True: refuse; false: hand to Kestrel; null: read more.
    private static bool? Judge(ReadOnlySequence<byte> buffer, bool completed)
    {
        if (buffer.IsEmpty)
        {
            return completed ? false : null;
        }

        // A TLS handshake (this runs before it) is Kestrel's.
        if (buffer.FirstSpan[0] == TlsHandshakeRecord)
        {
            return false;
        }

        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            return completed || buffer.Length >= MaxRequestLine ? false : null;
        }

        var line = buffer.Slice(0, end.Value).ToArray().AsSpan();
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        // Kestrel answers a line without one of its versions at the end 505 or 400, both without a body.
        return !(line.EndsWith(" HTTP/1.1"u8) || line.EndsWith(" HTTP/1.0"u8) || line.SequenceEqual("PRI * HTTP/2.0"u8));
    }

    private static byte[] BuildAnswer()
    {
        var problem = Problem.InvalidRequest("The request line names an HTTP version this relay does not speak: send HTTP/1.1.");
        var body = JsonSerializer.SerializeToUtf8Bytes(problem.ToMessage(), WireJsonContext.Default.ProblemDetailsMessage);
        var head = $"HTTP/1.1 400 Bad Request\r\nContent-Type: {ProblemWriter.ContentType}\r\nCache-Control: no-store\r\n"
            + $"X-Content-Type-Options: {ProblemWriter.NoSniff}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }
}
