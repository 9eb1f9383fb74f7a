using System.Text;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake.Oprf;

public sealed class P256OprfTests
{
    private const string OrderHex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

    // The generator of P-256, compressed: a valid element that no test derived from the key.
    private const string GeneratorCompressed = "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";

    [Fact]
    public void DeriveKey_Rfc9497AppendixA31_MatchesSkSm()
    {
        byte[] key = P256Oprf.DeriveKey(Convert.FromHexString(Rfc9497Vectors.Seed), Convert.FromHexString(Rfc9497Vectors.KeyInfo));

        Assert.Equal(Rfc9497Vectors.SkSm, Convert.ToHexStringLower(key));
    }

    [Theory]
    [MemberData(nameof(Rfc9497Vectors.Vectors), MemberType = typeof(Rfc9497Vectors))]
    public void TryBlindEvaluate_Rfc9497AppendixA31_MatchesEvaluationElement(string input, string blind, string blindedElement, string evaluationElement, string output)
    {
        _ = (input, blind, output);
        byte[] evaluated = new byte[P256Oprf.ElementLength];

        bool ok = P256Oprf.TryBlindEvaluate(Convert.FromHexString(Rfc9497Vectors.SkSm), Convert.FromHexString(blindedElement), evaluated);

        Assert.True(ok);
        Assert.Equal(evaluationElement, Convert.ToHexStringLower(evaluated));
    }

    [Theory]
    [MemberData(nameof(Rfc9497Vectors.Vectors), MemberType = typeof(Rfc9497Vectors))]
    public void Evaluate_Rfc9497AppendixA31_MatchesOutput(string input, string blind, string blindedElement, string evaluationElement, string output)
    {
        _ = (blind, blindedElement, evaluationElement);

        byte[] actual = P256Oprf.Evaluate(Convert.FromHexString(Rfc9497Vectors.SkSm), Convert.FromHexString(input));

        Assert.Equal(output, Convert.ToHexStringLower(actual));
    }

    [Theory]
    [MemberData(nameof(Rfc9497Vectors.Vectors), MemberType = typeof(Rfc9497Vectors))]
    public void OprfBlind_Rfc9497AppendixA31_MatchesBlindedElementAndOutput(string input, string blind, string blindedElement, string evaluationElement, string output)
    {
        using var client = OprfBlind.Create(Convert.FromHexString(input), Convert.FromHexString(blind));
        byte[] actual = new byte[P256Oprf.OutputLength];

        Assert.Equal(blindedElement, Convert.ToHexStringLower(client.BlindedElement));
        Assert.True(client.TryFinalize(Convert.FromHexString(evaluationElement), actual));
        Assert.Equal(output, Convert.ToHexStringLower(actual));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000000")]
    [InlineData("1234567")]
    [InlineData("98765432109876543210987654321098")]
    public void Evaluate_EqualsBlindEvaluateFinalize(string pin)
    {
        byte[] key = P256Oprf.GenerateKey();
        byte[] input = Encoding.ASCII.GetBytes(pin);
        using var client = OprfBlind.Create(input);
        byte[] evaluated = new byte[P256Oprf.ElementLength];
        byte[] output = new byte[P256Oprf.OutputLength];

        Assert.True(P256Oprf.TryBlindEvaluate(key, client.BlindedElement, evaluated));
        Assert.True(client.TryFinalize(evaluated, output));

        Assert.Equal(P256Oprf.Evaluate(key, input), output);
    }

    [Fact]
    public void Create_TwoBlinds_DifferButFinalizeAlike()
    {
        byte[] key = P256Oprf.GenerateKey();
        using var first = OprfBlind.Create("1234567"u8);
        using var second = OprfBlind.Create("1234567"u8);

        Assert.NotEqual(first.BlindedElement.ToArray(), second.BlindedElement.ToArray());
        Assert.Equal(Finish(first, key), Finish(second, key));
    }

    [Fact]
    public void Evaluate_OtherKeyOrInput_Differs()
    {
        byte[] key = P256Oprf.GenerateKey();

        Assert.NotEqual(P256Oprf.Evaluate(key, "1234567"u8), P256Oprf.Evaluate(key, "1234568"u8));
        Assert.NotEqual(P256Oprf.Evaluate(key, "1234567"u8), P256Oprf.Evaluate(P256Oprf.GenerateKey(), "1234567"u8));
    }

    public static TheoryData<string> MalformedElements { get; } = new()
    {
        "",                                             // empty
        "00",                                           // the identity, as SEC1 writes it
        "03",                                           // a prefix alone
        GeneratorCompressed[..^2],                      // one byte short
        GeneratorCompressed + "00",                     // one byte long
        "04" + GeneratorCompressed[2..],                // the uncompressed prefix on 33 bytes
        "05" + GeneratorCompressed[2..],                // an unknown prefix
        "00" + GeneratorCompressed[2..],                // the identity's prefix on 33 bytes
        "02" + new string('0', 62) + "01",              // x = 1: 1 - 3 + b is not a square, so no point has this x
        "02ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", // x = p
        "03ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // x > p
        // The generator uncompressed: a valid point, but the OPRF's elements are compressed only.
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
    };

    [Theory]
    [MemberData(nameof(MalformedElements))]
    public void TryBlindEvaluate_MalformedElement_ReturnsFalseAndWritesNothing(string element)
    {
        byte[] evaluated = new byte[P256Oprf.ElementLength];

        bool ok = P256Oprf.TryBlindEvaluate(P256Oprf.GenerateKey(), Convert.FromHexString(element), evaluated);

        Assert.False(ok);
        Assert.All(evaluated, b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(MalformedElements))]
    public void TryFinalize_MalformedElement_ReturnsFalse(string element)
    {
        using var client = OprfBlind.Create("1234567"u8);
        byte[] output = new byte[P256Oprf.OutputLength];

        Assert.False(client.TryFinalize(Convert.FromHexString(element), output));
        Assert.All(output, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryBlindEvaluate_XWithoutPoint_IsRefusedByTheBackendToo()
    {
        // x = 1 has no point; the backend agrees, so the false above is not an accident of the prefix check.
        byte[] element = Convert.FromHexString("02" + new string('0', 62) + "01");

        Assert.ThrowsAny<ArgumentException>(() => P256HashToCurve.Curve.DecodePoint(element));
        Assert.False(P256Oprf.TryBlindEvaluate(P256Oprf.GenerateKey(), element, new byte[P256Oprf.ElementLength]));
    }

    [Fact]
    public void TryBlindEvaluate_Generator_GivesKeyTimesGenerator()
    {
        byte[] key = P256Oprf.GenerateKey();
        byte[] evaluated = new byte[P256Oprf.ElementLength];

        Assert.True(P256Oprf.TryBlindEvaluate(key, Convert.FromHexString(GeneratorCompressed), evaluated));

        var expected = Spake2Group.Generator.Multiply(new Org.BouncyCastle.Math.BigInteger(1, key)).Normalize().GetEncoded(true);
        Assert.Equal(expected, evaluated);
    }

    [Fact]
    public void TryBlindEvaluate_InvalidKeyOrDestination_Throws()
    {
        byte[] element = Convert.FromHexString(GeneratorCompressed);

        Assert.Throws<ArgumentException>("key", () => P256Oprf.TryBlindEvaluate(new byte[32], element, new byte[33]));
        Assert.Throws<ArgumentException>("key", () => P256Oprf.TryBlindEvaluate(Convert.FromHexString(OrderHex), element, new byte[33]));
        Assert.Throws<ArgumentException>("key", () => P256Oprf.TryBlindEvaluate(new byte[31], element, new byte[33]));
        Assert.Throws<ArgumentException>("evaluatedElement", () => P256Oprf.TryBlindEvaluate(P256Oprf.GenerateKey(), element, new byte[32]));
    }

    [Fact]
    public void Evaluate_InvalidKeyOrLongInput_Throws()
    {
        Assert.Throws<ArgumentException>("key", () => P256Oprf.Evaluate(new byte[32], "1234567"u8));
        Assert.Throws<ArgumentException>("input", () => P256Oprf.Evaluate(P256Oprf.GenerateKey(), new byte[P256Oprf.MaxInputLength + 1]));
    }

    [Fact]
    public void GenerateKey_IsValidAndFresh()
    {
        byte[] first = P256Oprf.GenerateKey();
        byte[] second = P256Oprf.GenerateKey();

        Assert.True(P256Oprf.IsValidKey(first));
        Assert.True(P256Oprf.IsValidKey(second));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", true)]
    [InlineData("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550", true)]
    [InlineData(OrderHex, false)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", false)]
    [InlineData("01", false)]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000001", false)]
    public void IsValidKey_Cases(string key, bool expected)
    {
        Assert.Equal(expected, P256Oprf.IsValidKey(Convert.FromHexString(key)));
    }

    [Fact]
    public void OprfBlind_Dispose_ClearsAndRefusesUse()
    {
        var client = OprfBlind.Create("1234567"u8);

        client.Dispose();
        client.Dispose();

        Assert.Throws<ObjectDisposedException>(() => client.BlindedElement.Length);
        Assert.Throws<ObjectDisposedException>(() => client.TryFinalize(Convert.FromHexString(GeneratorCompressed), new byte[32]));
    }

    [Fact]
    public void OprfBlind_ToString_NamesTypeOnly()
    {
        using var client = OprfBlind.Create("1234567"u8);

        Assert.Equal("OprfBlind(P256-SHA256)", client.ToString());
    }

    [Fact]
    public void OprfBlind_WrongOutputLength_Throws()
    {
        using var client = OprfBlind.Create("1234567"u8);

        Assert.Throws<ArgumentException>("output", () => client.TryFinalize(Convert.FromHexString(GeneratorCompressed), new byte[31]));
    }

    [Fact]
    public void EnsureSelfTested_Backend_Passes()
    {
        P256Oprf.EnsureSelfTested();
        P256Oprf.EnsureSelfTested();
    }

    private static byte[] Finish(OprfBlind client, byte[] key)
    {
        byte[] evaluated = new byte[P256Oprf.ElementLength];
        byte[] output = new byte[P256Oprf.OutputLength];
        Assert.True(P256Oprf.TryBlindEvaluate(key, client.BlindedElement, evaluated));
        Assert.True(client.TryFinalize(evaluated, output));
        return output;
    }
}
