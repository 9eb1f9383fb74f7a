using System.Text.Json;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// RFC 9380 known answers from tests/vectors/rfc9380-p256-sswu-ro.json: appendix J.1.1 (P256_XMD:SHA-256_SSWU_RO_) and
/// appendix K.1 (expand_message_xmd with SHA-256). Hex strings; messages as ASCII text.
/// </summary>
public static class Rfc9380Vectors
{
    private static readonly JsonElement s_root = JsonVectors.Load("rfc9380-p256-sswu-ro.json");

    /// <summary>The domain separation tag of appendix J.1.1.</summary>
    public static string HashToCurveDst => s_root.GetProperty("hashToCurve").Text("dst");

    /// <summary>The domain separation tag of appendix K.1.</summary>
    public static string ExpandMessageDst => s_root.GetProperty("expandMessageXmd").Text("dst");

    /// <summary>(msg, u0, u1, Q0.x, Q0.y, Q1.x, Q1.y, P.x, P.y) of appendix J.1.1.</summary>
    public static TheoryData<string, string, string, string, string, string, string, string, string> HashToCurve
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string, string, string, string, string>();
            foreach (JsonElement v in s_root.GetProperty("hashToCurve").GetProperty("vectors").EnumerateArray())
            {
                data.Add(v.Text("msg"), v.Text("u0"), v.Text("u1"), v.Text("q0x"), v.Text("q0y"), v.Text("q1x"), v.Text("q1y"), v.Text("px"), v.Text("py"));
            }

            return data;
        }
    }

    /// <summary>(msg, len_in_bytes, uniform_bytes) of appendix K.1.</summary>
    public static TheoryData<string, int, string> ExpandMessageXmd
    {
        get
        {
            var data = new TheoryData<string, int, string>();
            foreach (JsonElement v in s_root.GetProperty("expandMessageXmd").GetProperty("vectors").EnumerateArray())
            {
                data.Add(v.Text("msg"), v.GetProperty("lenInBytes").GetInt32(), v.Text("uniformBytes"));
            }

            return data;
        }
    }
}
