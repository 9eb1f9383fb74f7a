using System.Globalization;
using System.Text;
using Tigress.Protocol;

namespace Tigress.Client.Http;

/// <summary>
/// Reads a <c>text/event-stream</c> body as the HTML standard's "event stream interpretation" defines it (section
/// 9.2.6), with bounds so that a misbehaving server cannot make the client buffer or read without limit: a line longer
/// than <see cref="MaxLineBytes"/>, an event whose data exceeds <see cref="MaxEventBytes"/>, or more than
/// <see cref="MaxBytesPerWindow"/> within one idle timeout (an endless run of comments, or of events) ends the stream
/// with a <see cref="TigressProtocolException"/>; a line that takes longer than the idle timeout to arrive whole (a
/// keep-alive dripped byte by byte) ends it with a <see cref="TimeoutException"/>.
/// </summary>
/// <remarks>
/// Lines end with CRLF, LF or CR; a leading byte order mark is skipped; comments (<c>:</c>) and unknown fields are
/// ignored; <c>data</c> lines join with LF; <c>id</c> persists across events (one holding U+0000 is ignored);
/// <c>retry</c> with digits only sets <see cref="Retry"/>; an empty line dispatches, unless no data arrived; an
/// event cut short by the end of the stream is discarded. Bytes that are not UTF-8 decode to U+FFFD.
/// </remarks>
internal sealed class ServerSentEventReader
{
    /// <summary>The longest line accepted, in bytes, without its line ending.</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>The most data one event may carry, in bytes.</summary>
    public const int MaxEventBytes = 16 * 1024;

    /// <summary>The most bytes accepted within one idle timeout, whatever they hold: a relay's events and keep-alives take
    /// a few hundred bytes a minute.</summary>
    public const int MaxBytesPerWindow = 128 * 1024;

    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly byte[] _buffer = new byte[4096];
    private readonly byte[] _line = new byte[MaxLineBytes];
    private readonly StringBuilder _data = new();
    private int _start;
    private int _end;
    private int _lineLength;
    private int _dataBytes;
    private bool _hasData;
    private bool _skipLineFeed;
    private bool _firstLine = true;
    private bool _ended;
    private string _type = string.Empty;
    private string _lastEventIdBuffer = string.Empty;
    private long _lastLine;
    private long _windowStart;
    private long _windowBytes;

    /// <summary>Reads events from <paramref name="stream"/>; no whole line (keep-alive comments count) for
    /// <paramref name="idleTimeout"/> fails with <see cref="TimeoutException"/>, and the byte budget
    /// <see cref="MaxBytesPerWindow"/> is counted per <paramref name="idleTimeout"/>.</summary>
    public ServerSentEventReader(Stream stream, TimeSpan idleTimeout, TimeProvider timeProvider)
    {
        _stream = stream;
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        _lastLine = _windowStart = timeProvider.GetTimestamp();
    }

    /// <summary>The reconnection time the server asked for with a <c>retry</c> field, if it sent one.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Lines read so far, comments included: proof that the connection is alive.</summary>
    public long LinesRead { get; private set; }

    /// <summary>The next event, or null once the stream has ended.</summary>
    /// <exception cref="TigressProtocolException">A line or an event exceeds its bound.</exception>
    /// <exception cref="TimeoutException">Nothing arrived for the idle timeout.</exception>
    public async ValueTask<ServerSentEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryDispatchFromBuffer(out var next))
            {
                return next;
            }

            if (_ended)
            {
                return null;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        // The idle time runs from the last whole line, not the last byte: a keep-alive dripped a byte at a time
        // would otherwise hold the connection for ever without saying anything.
        var left = _idleTimeout - _timeProvider.GetElapsedTime(_lastLine);
        if (left <= TimeSpan.Zero)
        {
            throw new TimeoutException("The event stream sent no whole line within its idle timeout.");
        }

        using var idle = new CancellationTokenSource(left, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The event stream sent no whole line within its idle timeout.");
        }

        CountAgainstWindow(read);
        _start = 0;
        _end = read;
        if (read == 0)
        {
            // The standard discards an event that the end of the stream cut short.
            _ended = true;
        }
    }

    /// <summary>Counts <paramref name="read"/> bytes against this idle timeout's budget: a server that sends comments or
    /// events without end (gigabytes of them) is cut off, whatever each of them looks like.</summary>
    private void CountAgainstWindow(int read)
    {
        if (_timeProvider.GetElapsedTime(_windowStart) >= _idleTimeout)
        {
            _windowStart = _timeProvider.GetTimestamp();
            _windowBytes = 0;
        }

        _windowBytes += read;
        if (_windowBytes > MaxBytesPerWindow)
        {
            throw new TigressProtocolException(
                ProtocolErrorCodes.MalformedMessage,
                $"The event stream sent more than {MaxBytesPerWindow.ToString(CultureInfo.InvariantCulture)} bytes within {(int)_idleTimeout.TotalSeconds} seconds, far more than a mailbox's events and keep-alives.");
        }
    }

    /// <summary>Consumes buffered lines until one dispatches an event or the buffer runs dry.</summary>
    private bool TryDispatchFromBuffer(out ServerSentEvent? next)
    {
        next = null;
        while (_start < _end)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            if (_skipLineFeed)
            {
                // CRLF split across two reads: the LF belongs to the line the CR ended.
                _skipLineFeed = false;
                if (span[0] == Lf)
                {
                    _start++;
                    continue;
                }
            }

            var index = span.IndexOfAny(Cr, Lf);
            if (index < 0)
            {
                AppendToLine(span);
                _start = _end;
                return false;
            }

            AppendToLine(span[..index]);
            _skipLineFeed = span[index] == Cr;
            _start += index + 1;
            var line = _line.AsSpan(0, _lineLength);
            _lineLength = 0;
            if (ProcessLine(line, out next))
            {
                return true;
            }
        }

        return false;
    }

    private void AppendToLine(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _line.Length - _lineLength)
        {
            throw new TigressProtocolException(
                ProtocolErrorCodes.MalformedMessage,
                $"The event stream sent a line longer than {MaxLineBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
        }

        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
    }

    /// <summary>Applies one line; true when it dispatched an event into <paramref name="next"/>.</summary>
    private bool ProcessLine(ReadOnlySpan<byte> line, out ServerSentEvent? next)
    {
        next = null;
        LinesRead++;
        _lastLine = _timeProvider.GetTimestamp();
        if (_firstLine)
        {
            _firstLine = false;
            if (line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
        }

        if (line.IsEmpty)
        {
            return Dispatch(out next);
        }

        if (line[0] == (byte)':')
        {
            return false;
        }

        ReadOnlySpan<byte> field;
        ReadOnlySpan<byte> value;
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            field = line;
            value = [];
        }
        else
        {
            field = line[..colon];
            value = line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ')
            {
                value = value[1..];
            }
        }

        if (field.SequenceEqual("data"u8))
        {
            _dataBytes += value.Length + 1;
            if (_dataBytes > MaxEventBytes)
            {
                throw new TigressProtocolException(
                    ProtocolErrorCodes.MalformedMessage,
                    $"The event stream sent an event with more than {MaxEventBytes.ToString(CultureInfo.InvariantCulture)} bytes of data.");
            }

            _data.Append(s_utf8.GetString(value)).Append('\n');
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _type = s_utf8.GetString(value);
        }
        else if (field.SequenceEqual("id"u8))
        {
            if (value.IndexOf((byte)0) < 0)
            {
                _lastEventIdBuffer = s_utf8.GetString(value);
            }
        }
        else if (field.SequenceEqual("retry"u8))
        {
            // Digits only, or the field is ignored; a number too large for a long is ignored too.
            if (!value.IsEmpty && value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                Retry = TimeSpan.FromMilliseconds(Math.Min(milliseconds, (long)TimeSpan.MaxValue.TotalMilliseconds));
            }
        }

        return false;
    }

    private bool Dispatch(out ServerSentEvent? next)
    {
        next = null;
        var hadData = _hasData;
        var type = _type;
        string data = string.Empty;
        if (hadData)
        {
            // The last data line's LF is not part of the data.
            data = _data.ToString(0, _data.Length - 1);
        }

        _data.Clear();
        _dataBytes = 0;
        _hasData = false;
        _type = string.Empty;
        if (!hadData)
        {
            return false;
        }

        next = new ServerSentEvent(type.Length == 0 ? "message" : type, data, _lastEventIdBuffer);
        return true;
    }
}
