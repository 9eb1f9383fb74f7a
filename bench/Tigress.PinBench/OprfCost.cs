using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
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
