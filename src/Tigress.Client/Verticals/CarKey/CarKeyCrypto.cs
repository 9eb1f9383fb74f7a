using System.Security.Cryptography;
using System.Text;
using Tigress.Client.Transfers;

namespace Tigress.Client.Verticals.CarKey;

/// <summary>
/// The demonstration's signatures: ECDSA P-256 with SHA-256 in IEEE P1363 form, each over a statement that starts with
/// its own label, so a proof of possession can never pass for a certificate signature or the other way round.
/// </summary>
/// <remarks>
/// | Statement          | Bytes signed                                                  | Key    |
/// |--------------------|---------------------------------------------------------------|--------|
/// | proof of possession| <c>tigress-carkey-demo/1 possession {keyId}</c>               | device |
/// | certificate        | <c>tigress-carkey-demo/1 certificate\n</c> then the certificate JSON | owner  |
/// </remarks>
internal static class CarKeyCrypto
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static byte[] PossessionStatement(string keyId) => Encoding.UTF8.GetBytes("tigress-carkey-demo/1 possession " + keyId);

    public static byte[] CertificateStatement(ReadOnlySpan<byte> certificate)
    {
        var label = "tigress-carkey-demo/1 certificate\n"u8;
        var statement = new byte[label.Length + certificate.Length];
        label.CopyTo(statement);
        certificate.CopyTo(statement.AsSpan(label.Length));
        return statement;
    }

    public static byte[] Sign(ECDsa key, byte[] statement) =>
        key.SignData(statement, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static bool Verify(ReadOnlySpan<byte> publicKey, byte[] statement, byte[] signature)
    {
        using var key = ImportPublicKey(publicKey);
        return key.VerifyData(statement, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Imports a P-256 SubjectPublicKeyInfo; anything else is the peer's mistake.</summary>
    public static ECDsa ImportPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read != subjectPublicKeyInfo.Length || key.ExportParameters(false).Curve.Oid?.Value != P256Oid)
            {
                throw new CryptographicException();
            }

            return key;
        }
        catch (CryptographicException exception)
        {
            key.Dispose();
            throw new TransferException(TransferError.VerificationFailed, "A car key message holds a public key that is not an ECDSA P-256 key.", exception);
        }
    }

    public static ECDsa ImportPrivateKey(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}
