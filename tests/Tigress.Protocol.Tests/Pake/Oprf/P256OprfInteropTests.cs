using System.Text;
using System.Text.Json.Nodes;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.TestServices;

namespace Tigress.Protocol.Tests.Pake.Oprf;

/// <summary>
/// P256Oprf against the independent @cloudflare/voprf-ts (tests/node/oprf.mjs), in both directions: each side's client
/// with the other side's server must reach the output the key holder computes directly.
/// </summary>
public sealed class P256OprfInteropTests
{
    private static readonly byte[][] s_inputs =
    [
        [],
        Encoding.ASCII.GetBytes("1234567"),
        Encoding.ASCII.GetBytes("0000000"),
        Encoding.ASCII.GetBytes("98765432109876543210987654321098"),
        [.. Enumerable.Range(0, 300).Select(i => (byte)i)],
    ];

    [Fact]
    public async Task CSharpClient_VoprfTsServer_AgreeWithEvaluate()
    {
        byte[] key = P256Oprf.GenerateKey();
        var clients = s_inputs.Select(input => OprfBlind.Create(input)).ToArray();
        try
        {
            using var server = VoprfTs.Start("server");
            JsonObject answer = await server.ExchangeAsync(new JsonObject
            {
                ["key"] = Convert.ToHexStringLower(key),
                ["blindedElements"] = VoprfTs.HexArray(clients.Select(c => c.BlindedElement.ToArray())),
                ["inputs"] = VoprfTs.HexArray(s_inputs),
            });
            byte[][] evaluated = VoprfTs.FromHexArray(answer["evaluatedElements"]);
            byte[][] direct = VoprfTs.FromHexArray(answer["outputs"]);

            for (int i = 0; i < s_inputs.Length; i++)
            {
                byte[] output = new byte[P256Oprf.OutputLength];
                Assert.True(clients[i].TryFinalize(evaluated[i], output));
                Assert.Equal(P256Oprf.Evaluate(key, s_inputs[i]), output);
                Assert.Equal(direct[i], output);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task VoprfTsClient_CSharpServer_AgreeWithEvaluate()
    {
        byte[] key = P256Oprf.GenerateKey();
        using var client = VoprfTs.Start("client");

        JsonObject blinded = await client.ExchangeAsync(new JsonObject { ["inputs"] = VoprfTs.HexArray(s_inputs) });
        var evaluated = VoprfTs.FromHexArray(blinded["blindedElements"]).Select(element =>
        {
            byte[] result = new byte[P256Oprf.ElementLength];
            Assert.True(P256Oprf.TryBlindEvaluate(key, element, result));
            return result;
        }).ToArray();
        JsonObject finalized = await client.ExchangeAsync(new JsonObject { ["evaluatedElements"] = VoprfTs.HexArray(evaluated) });
        byte[][] outputs = VoprfTs.FromHexArray(finalized["outputs"]);

        Assert.Equal(s_inputs.Length, outputs.Length);
        for (int i = 0; i < s_inputs.Length; i++)
        {
            Assert.Equal(P256Oprf.Evaluate(key, s_inputs[i]), outputs[i]);
        }
    }
}
