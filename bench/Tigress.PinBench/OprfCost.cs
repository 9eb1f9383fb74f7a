using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;
using Tigress.Protocol.Pake;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

/// <summary>The relay's OPRF evaluation and its parts, timed on one thread (CPU time and allocations per operation).</summary>
internal static class OprfCost
{
    private const int Elements = 64;

    public static void Run(int iterations)
    {
        var parameters = CustomNamedCurves.GetByName("P-256");
        var curve = parameters.Curve;
        var key = P256Oprf.GenerateKey();
        var k = new BigInteger(1, key);

        // Blinded elements as clients send them: random points, compressed.
        var elements = Enumerable.Range(0, Elements)
            .Select(_ => parameters.G.Multiply(new BigInteger(1, P256Oprf.GenerateKey())).Normalize().GetEncoded(true))
            .ToArray();
        var output = new byte[P256Oprf.ElementLength];
        var comb = new FixedPointCombMultiplier();
        var reused = curve.DecodePoint(elements[0]);

        // OpenSSL's P-256 through .NET: the same key, and each element as a public key (imported per operation, as a
        // request's element would be).
        var q = parameters.G.Multiply(k).Normalize();
        using var ecdh = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = key,
            Q = new ECPoint { X = q.AffineXCoord.GetEncoded(), Y = q.AffineYCoord.GetEncoded() },
        });
        var publicPoints = elements.Select(e => curve.DecodePoint(e).Normalize())
            .Select(p => new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = p.AffineXCoord.GetEncoded(), Y = p.AffineYCoord.GetEncoded() } })
            .ToArray();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"iterations={iterations} (one thread; CPU time of the process)"));
        Measure("P256Oprf.TryBlindEvaluate, a new element each time (the relay's call)", iterations, i => P256Oprf.TryBlindEvaluate(key, elements[i % Elements], output));
        Measure("decode the element and check it is on the curve", iterations, i => curve.DecodePoint(elements[i % Elements]).IsValid());
        Measure("fixed-point comb multiply, a new point each time", iterations, i => comb.Multiply(curve.DecodePoint(elements[i % Elements]), k).Normalize());
        Measure("fixed-point comb multiply, one point (its table cached)", iterations, _ => comb.Multiply(reused, k).Normalize());
        // A regular multiplier for a point used once (a sketch, to measure what one would cost): checked first.
        for (var i = 0; i < Elements; i++)
        {
            var point = curve.DecodePoint(elements[i]);
            if (!RegularWindow(point, k, parameters.N).Equals(point.Multiply(k).Normalize()))
            {
                throw new InvalidOperationException("The signed-window sketch disagrees with BouncyCastle.");
            }
        }

        Measure("signed 4-bit window, 8-point table (sketch), a new point each time", iterations, i => RegularWindow(curve.DecodePoint(elements[i % Elements]), k, parameters.N));
        Measure("window NAF multiply (curve default), a new point each time", iterations, i => curve.DecodePoint(elements[i % Elements]).Multiply(k).Normalize());
        Measure("OpenSSL ECDH via .NET: import the point, derive x(k * point)", iterations, i =>
        {
            using var peer = ECDiffieHellman.Create(publicPoints[i % Elements]);
            return ecdh.DeriveRawSecretAgreement(peer.PublicKey);
        });

        // The import checks the key (OpenSSL multiplies it by the order); the derivation alone, on keys imported once:
        var peers = publicPoints.Select(ECDiffieHellman.Create).ToArray();
        Measure("OpenSSL ECDH via .NET: derive x(k * point) only, points imported once", iterations, i => ecdh.DeriveRawSecretAgreement(peers[i % Elements].PublicKey));
        foreach (var peer in peers)
        {
            peer.Dispose();
        }
    }

    /// <summary>
    /// k times p with the same sequence of point operations for every scalar: k made odd (n - k for an even k, the
    /// result negated), recoded into 65 odd digits of 4 bits from -15 to 15, each added from a table of the odd multiples
    /// 1p to 15p through BouncyCastle's cache-safe lookup (the branches on the digit's sign and on k's parity are left
    /// plain here: they change what is negated, not how much work is done).
    /// </summary>
    private static BcPoint RegularWindow(BcPoint p, BigInteger k, BigInteger n)
    {
        const int Width = 4;
        var negate = !k.TestBit(0);
        if (negate)
        {
            k = n.Subtract(k);
        }

        var digits = new int[(256 / Width) + 1];
        for (var i = 0; i < digits.Length - 1; i++)
        {
            var digit = (k.IntValue & ((1 << (Width + 1)) - 1)) - (1 << Width);
            digits[i] = digit;
            k = k.Subtract(BigInteger.ValueOf(digit)).ShiftRight(Width);
        }

        digits[^1] = k.IntValue;

        var curve = p.Curve;
        var table = new BcPoint[1 << (Width - 1)];
        table[0] = p;
        var twice = p.Twice();
        for (var i = 1; i < table.Length; i++)
        {
            table[i] = table[i - 1].Add(twice);
        }

        curve.NormalizeAll(table);
        var lookup = curve.CreateCacheSafeLookupTable(table, 0, table.Length);
        var result = lookup.Lookup((digits[^1] - 1) / 2);
        for (var i = digits.Length - 2; i >= 0; i--)
        {
            var entry = lookup.Lookup((Math.Abs(digits[i]) - 1) / 2);
            result = result.TimesPow2(Width).Add(digits[i] < 0 ? entry.Negate() : entry);
        }

        return (negate ? result.Negate() : result).Normalize();
    }

    private static void Measure<T>(string name, int iterations, Func<int, T> operation)
    {
        for (var i = 0; i < Math.Min(iterations, 200); i++)
        {
            operation(i);
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            operation(i);
        }

        var elapsed = Stopwatch.GetElapsedTime(wall);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-72} {used.TotalMicroseconds / iterations,7:F1} us CPU  {elapsed.TotalMicroseconds / iterations,7:F1} us wall  {allocated / iterations,7} bytes allocated per operation"));
    }
}
