using System.Text.Json;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// RFC 9497 appendix A.3.1 known answers (P256-SHA256, mode OPRF) from tests/vectors/rfc9497-p256-sha256-oprf.json. Hex strings.
/// </summary>
public static class Rfc9497Vectors
{
    private static readonly JsonElement s_root = JsonVectors.Load("rfc9497-p256-sha256-oprf.json");

    /// <summary>The seed DeriveKeyPair is given.</summary>
    public static string Seed => s_root.Text("seed");

    /// <summary>The info DeriveKeyPair is given ("test key").</summary>
    public static string KeyInfo => s_root.Text("keyInfo");

    /// <summary>The server's private key that DeriveKeyPair derives.</summary>
    public static string SkSm => s_root.Text("skSm");

    /// <summary>(Input, Blind, BlindedElement, EvaluationElement, Output), batch size 1.</summary>
    public static TheoryData<string, string, string, string, string> Vectors
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string>();
            foreach (JsonElement v in s_root.GetProperty("vectors").EnumerateArray())
            {
                data.Add(v.Text("input"), v.Text("blind"), v.Text("blindedElement"), v.Text("evaluationElement"), v.Text("output"));
            }

            return data;
        }
    }
}
