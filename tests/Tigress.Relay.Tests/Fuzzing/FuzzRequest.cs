using System.Globalization;
using System.Text;

namespace Tigress.Relay.Tests.Fuzzing;

/// <summary>
/// An HTTP/1.1 request as parts, so a mutation can touch one part and still frame the rest; <see cref="ToBytes"/>
/// writes it with a matching Content-Length unless a mutation chose to break the framing.
/// </summary>
internal sealed class FuzzRequest
{
    public required string Endpoint { get; init; }

    public string Method { get; set; } = "GET";

    public string Target { get; set; } = "/";

    public string Version { get; set; } = "HTTP/1.1";

    public List<(string Name, string Value)> Headers { get; } = [];

    public byte[] Body { get; set; } = [];

    /// <summary>Write Content-Length from the body (false when a mutation set its own, or chunked framing).</summary>
    public bool FrameBody { get; set; } = true;

    public bool IsHead => Method == "HEAD";

    public FuzzRequest Clone()
    {
        var copy = new FuzzRequest { Endpoint = Endpoint, Method = Method, Target = Target, Version = Version, Body = Body, FrameBody = FrameBody };
        copy.Headers.AddRange(Headers);
        return copy;
    }

    public byte[] ToBytes()
    {
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Target).Append(' ').Append(Version).Append("\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (FrameBody && (Body.Length > 0 || Method is "POST" or "PUT" or "PATCH"))
        {
            head.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");

        // Latin-1 keeps every char below 256 as one byte, so mutations can place any byte in the head.
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Body];
    }

    public static string Describe(byte[] request)
    {
        var text = new StringBuilder();
        foreach (var b in request.AsSpan(0, Math.Min(request.Length, 700)))
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? (char)b : $"\\x{b:X2}");
        }

        return request.Length > 700 ? text.Append($"... ({request.Length} bytes)").ToString() : text.ToString();
    }
}
