using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tigress.Relay.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of valid requests. <see cref="MutateJson"/> changes one field, header or JSON value at a time
/// and keeps the framing; <see cref="MutateRaw"/> damages the bytes themselves: request line, header names and
/// values, the body, or anywhere in the serialized request.
/// </summary>
internal sealed class RequestMutator(Random random)
{
    private static readonly string[] s_tokens =
    [
        "%00", "%2e%2e", "..", "//", "%ff", "%", "%C0%AE", "\u00e9", "\u00ff", "?", "#", ";", "@", ":", "\\", "*",
        "{", "}", "[", "]", "\"", "'", "<script>", "\t", " ", "\0", "\u007f", "\u0085", "\r", "\n", "\r\n",
    ];

    private static readonly string[] s_strings =
    [
        "", " ", "x", "\0", "a\u0000b", "\u001b[31m", "\u007f", "\u0085", "\u202Egnp.exe", "\u2066x\u2069", "\uFEFF",
        "\ud800", "\udfff", "\U0001F600", "%00", "../../etc/passwd", "https://127.0.0.1/", "https://localhost./",
        "https://\u2460\u2461\u2466.0.0.1/", "http://x.example/", "https://user:pw@x.example/", "javascript:alert(1)",
        "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "RWD", "RRR", "WD", "2099-01-01T00:00:00Z", "2000-01-01T00:00:00Z",
        "2026-12-31T23:59:60Z", "2026-02-30T00:00:00Z", "9999-12-31T23:59:59.999999999+14:00", "webpush", "x.test",
        "3f0c8e9a-5b1d-4c2e-9f6a-7d8e9fa0b1c2", "AAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "====", "A===",
    ];

    // Chunk sizes of 8 and more hex digits: at and past the largest a 32-bit parser holds, and padded with zeros.
    private static readonly string[] s_longChunkSizes =
    [
        "7fffffff", "80000000", "ffffffff", "FFFFFFFF", "100000000", "123456789", "00000000ffffffff", "0000000000000002",
        "ffffffffffffffff", "ffffffffffffffffffffffffffffffff",
    ];

    private static readonly string[] s_prefer =
    [
        "wait=1", "wait = 1", "wait=0", "wait=-1", "wait=abc", "wait=99999999999999999999", "wait=\"1\"",
        "respond-async, wait=1", "wait=1;x=y", "", "wait", "wait=", "=1", "handling=strict",
    ];

    private static readonly string[] s_versions =
    [
        "HTTP/1.0", "HTTP/1.1", "HTTP/1.2", "HTTP/2.0", "HTTP/3.0", "HTTP/0.9", "HTTX/1.1", "http/1.1", "HTTP/1.11",
        "HTTP/1", "", "HTTP/1.1 ", "HTTP/A.B",
    ];

    private static readonly string[] s_methods =
    [
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "G\0T", "PROPFIND",
        "POSTX", "P OST", new string('M', 300),
    ];

    private static readonly string[] s_headerNames =
    [
        "Mailbox-Request-ID", "Mailbox-Device-Claim", "Prefer", "If-None-Match", "Last-Event-ID", "Content-Type",
        "Content-Length", "Transfer-Encoding", "Expect", "Host", "Cookie", "Accept", "Connection", "Upgrade",
        "X-Forwarded-For", "Range", "Content-Encoding",
    ];

    private readonly Random _random = random;

    /// <summary>A request whose JSON body or one header holds an unexpected value; framing stays intact.</summary>
    public FuzzRequest MutateJson(FuzzRequest original)
    {
        var request = original.Clone();
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            if (request.Body.Length > 0 && _random.Next(3) != 0)
            {
                request.Body = MutateBody(request.Body);
            }
            else
            {
                MutateHeader(request);
            }
        }

        return request;
    }

    /// <summary>The request's bytes damaged: a part of it, or the serialized whole.</summary>
    public byte[] MutateRaw(FuzzRequest original)
    {
        var request = original.Clone();
        switch (_random.Next(8))
        {
            case 0:
                request.Method = Pick(s_methods);
                break;
            case 1:
                request.Target = MutateText(request.Target);
                break;
            case 2:
                request.Version = Pick(s_versions);
                break;
            case 3:
                MutateHeader(request);
                break;
            case 4:
                DamageHeader(request);
                break;
            case 5:
                request.Body = MutateBytes(request.Body);
                break;
            case 6:
                BreakFraming(request);
                break;
            default:
                return MutateBytes(request.ToBytes());
        }

        return request.ToBytes();
    }

    private byte[] MutateBody(byte[] body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return MutateBytes(body);
        }

        try
        {
            return MutateTree(body, root);
        }
        catch (ArgumentException)
        {
            // A body an earlier round gave duplicate keys: JsonNode refuses to walk it.
            return MutateBytes(body);
        }
        catch (InvalidOperationException)
        {
            // A property name an earlier round made invalid UTF-8: JsonNode parses names lazily and refuses them here.
            return MutateBytes(body);
        }
    }

    private byte[] MutateTree(byte[] body, JsonNode? root)
    {

        switch (_random.Next(10))
        {
            case 0:
                return [0xEF, 0xBB, 0xBF, .. body];
            case 1:
                return DuplicateKey(Encoding.UTF8.GetString(body));
            case 2:
                return Encoding.UTF8.GetBytes(new string('[', 40 + _random.Next(200)) + new string(']', 40));
            case 3:
                return body[..Math.Max(0, body.Length - 1 - _random.Next(Math.Max(1, body.Length)))];
            default:
                break;
        }

        var containers = new List<JsonNode>();
        Collect(root, containers);
        if (containers.Count == 0)
        {
            return Encoding.UTF8.GetBytes(RandomValue()?.ToJsonString() ?? "null");
        }

        var target = Pick(containers);
        if (target is JsonObject obj)
        {
            var keys = obj.Select(p => p.Key).ToList();
            var op = _random.Next(4);
            if (op == 0 && keys.Count > 0)
            {
                obj.Remove(Pick(keys));
            }
            else if (op == 1 || keys.Count == 0)
            {
                obj[Pick(s_strings) + _random.Next(3)] = RandomValue();
            }
            else
            {
                obj[Pick(keys)] = RandomValue();
            }
        }
        else if (target is JsonArray array)
        {
            array.Add(RandomValue());
        }

        return Encoding.UTF8.GetBytes(root!.ToJsonString());
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        if (node is JsonObject obj)
        {
            containers.Add(obj);
            foreach (var (_, value) in obj)
            {
                Collect(value, containers);
            }
        }
        else if (node is JsonArray array)
        {
            containers.Add(array);
            foreach (var value in array)
            {
                Collect(value, containers);
            }
        }
    }

    private byte[] DuplicateKey(string json)
    {
        string[] keys = ["\"title\":", "\"payload\":", "\"type\":", "\"data\":", "\"displayInformation\":", "\"accessRights\":", "\"expiration\":"];
        var key = Pick(keys);
        var at = json.IndexOf(key, StringComparison.Ordinal);
        var value = RandomValue()?.ToJsonString() ?? "null";
        return Encoding.UTF8.GetBytes(at < 0 ? json : json.Insert(at, key + value + ","));
    }

    private JsonNode? RandomValue() => _random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(1e308),
        4 => JsonNode.Parse("123456789012345678901234567890"),
        5 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
        6 => new JsonObject { ["a"] = new JsonObject { ["b"] = "c" } },
        7 => JsonValue.Create(new string('x', _random.Next(2) == 0 ? 257 : 70_000)),
        8 => JsonValue.Create(Convert.ToBase64String(RandomBytes(_random.Next(200)))),
        _ => JsonValue.Create(MutateText(Pick(s_strings))),
    };

    private void MutateHeader(FuzzRequest request)
    {
        var name = Pick(s_headerNames);
        var existing = request.Headers.FindIndex(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        string value = name switch
        {
            "Prefer" => Pick(s_prefer),
            "Mailbox-Request-ID" or "Mailbox-Device-Claim" => _random.Next(4) switch
            {
                0 => Guid.NewGuid().ToString(),
                1 => Guid.NewGuid().ToString("N").ToUpperInvariant(),
                2 => string.Empty,
                _ => MutateText(Guid.NewGuid().ToString()),
            },
            "Content-Length" => Pick(["-1", "abc", "99999999999999999999", "0", "1", " 5", "5, 5", "+5", "05"]),
            "Transfer-Encoding" => Pick(["chunked", "gzip", "chunked, gzip", "identity", "xchunked", "chunked, chunked"]),
            "Expect" => Pick(["100-continue", "100-continue-x", "200-ok"]),
            "Connection" => Pick(["close", "keep-alive", "Upgrade", "x"]),
            _ => MutateText(Pick(s_strings)),
        };

        if (name is "Content-Length" or "Transfer-Encoding")
        {
            // A chosen length or coding replaces the writer's own framing.
            request.FrameBody = false;
        }

        switch (_random.Next(3))
        {
            case 0 when existing >= 0:
                request.Headers.RemoveAt(existing);
                break;
            case 1 when existing >= 0:
                request.Headers[existing] = (name, value);
                break;
            default:
                request.Headers.Add((name, value));
                break;
        }
    }

    private void DamageHeader(FuzzRequest request)
    {
        switch (_random.Next(4))
        {
            case 0:
                request.Headers.Add(("X-Large", new string('a', 20_000 + _random.Next(30_000))));
                break;
            case 1:
                request.Headers.Add((MutateText("X-Name"), "v"));
                break;
            case 2 when request.Headers.Count > 0:
                var index = _random.Next(request.Headers.Count);
                request.Headers[index] = (request.Headers[index].Name, MutateText(request.Headers[index].Value));
                break;
            default:
                request.Headers.Clear();
                break;
        }
    }

    private void BreakFraming(FuzzRequest request)
    {
        request.FrameBody = false;
        switch (_random.Next(4))
        {
            case 3:
                // A chunk size of 8 or more hex digits, past what the server's parser can hold or just inside it.
                request.Headers.Add(("Transfer-Encoding", "chunked"));
                request.Body = Encoding.Latin1.GetBytes($"{Pick(s_longChunkSizes)}\r\n").Concat(request.Body).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();
                break;
            case 0:
                // Shorter than announced: the server waits for the rest until its body timeout.
                request.Headers.Add(("Content-Length", (request.Body.Length + 1 + _random.Next(10)).ToString(CultureInfo.InvariantCulture)));
                break;
            case 1:
                request.Headers.Add(("Transfer-Encoding", "chunked"));
                request.Body = Encoding.Latin1.GetBytes($"{request.Body.Length:X}\r\n").Concat(request.Body).Concat(MutateBytes("\r\n0\r\n\r\n"u8.ToArray())).ToArray();
                break;
            default:
                request.Headers.Add(("Content-Length", Math.Max(0, request.Body.Length - 1 - _random.Next(5)).ToString(CultureInfo.InvariantCulture)));
                break;
        }
    }

    private string MutateText(string text)
    {
        var builder = new StringBuilder(text);
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            var at = _random.Next(builder.Length + 1);
            switch (_random.Next(6))
            {
                case 0:
                    builder.Insert(at, Pick(s_tokens));
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(Math.Min(at, builder.Length - 1), 1 + _random.Next(Math.Max(1, builder.Length - Math.Min(at, builder.Length - 1))));
                    break;
                case 2:
                    builder.Insert(at, (char)_random.Next(0, 256));
                    break;
                case 3:
                    builder.Insert(at, new string('a', _random.Next(2) == 0 ? 300 : 9_000));
                    break;
                case 4:
                    var upper = builder.ToString().ToUpperInvariant();
                    builder.Clear().Append(upper);
                    break;
                default:
                    builder.Insert(at, builder.ToString(0, Math.Min(builder.Length, 8)));
                    break;
            }
        }

        return builder.ToString();
    }

    private byte[] MutateBytes(byte[] bytes)
    {
        var list = new List<byte>(bytes);
        var rounds = 1 + _random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            var at = _random.Next(list.Count + 1);
            switch (_random.Next(5))
            {
                case 0 when list.Count > 0:
                    var flip = Math.Min(at, list.Count - 1);
                    list[flip] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    list.InsertRange(at, RandomBytes(1 + _random.Next(8)));
                    break;
                case 2 when list.Count > 0:
                    var from = Math.Min(at, list.Count - 1);
                    list.RemoveRange(from, 1 + _random.Next(Math.Min(16, list.Count - from)));
                    break;
                case 3:
                    list.InsertRange(at, Encoding.Latin1.GetBytes(Pick(s_tokens)));
                    break;
                default:
                    var start = _random.Next(list.Count + 1);
                    var length = _random.Next(Math.Min(32, list.Count - start) + 1);
                    list.InsertRange(at, list.GetRange(start, length));
                    break;
            }
        }

        return [.. list];
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
