using System.Text.Json;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// This project's known answers for the relay-assisted PIN key schedule (docs/protocol.md section 12.6), from
/// tests/vectors/relay-pin.json, computed independently with @noble/curves and node:crypto. Hex strings.
/// </summary>
public static class RelayPinVectors
{
    private static readonly JsonElement s_root = JsonVectors.Load("relay-pin.json");

    /// <summary>(pin, secret, oprfKey, blind, blindedElement, evaluatedElement, y, proofKey, sessionKey, verifier).</summary>
    public static TheoryData<string, string, string, string, string, string, string, string, string, string> Vectors
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string, string, string, string, string, string>();
            foreach (JsonElement v in s_root.GetProperty("vectors").EnumerateArray())
            {
                data.Add(
                    v.Text("pin"), v.Text("secret"), v.Text("oprfKey"), v.Text("blind"), v.Text("blindedElement"),
                    v.Text("evaluatedElement"), v.Text("y"), v.Text("proofKey"), v.Text("sessionKey"), v.Text("verifier"));
            }

            return data;
        }
    }
}
