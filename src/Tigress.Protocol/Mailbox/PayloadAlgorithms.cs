using System.Diagnostics.CodeAnalysis;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// Maps <see cref="PayloadAlgorithm"/> values to and from their wire names and key sizes.
/// </summary>
public static class PayloadAlgorithms
{
    /// <summary>The wire name of <see cref="PayloadAlgorithm.Aes128Gcm"/>.</summary>
    public const string Aes128GcmName = "AEAD_AES_128_GCM";

    /// <summary>The wire name of <see cref="PayloadAlgorithm.Aes256Gcm"/>.</summary>
    public const string Aes256GcmName = "AEAD_AES_256_GCM";

    /// <summary>The wire name of <paramref name="algorithm"/>, as written in a payload's <c>type</c> field.</summary>
    public static string GetName(PayloadAlgorithm algorithm) => algorithm switch
    {
        PayloadAlgorithm.Aes128Gcm => Aes128GcmName,
        PayloadAlgorithm.Aes256Gcm => Aes256GcmName,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The key size in bytes that <paramref name="algorithm"/> needs.</summary>
    public static int GetKeySize(PayloadAlgorithm algorithm) => algorithm switch
    {
        PayloadAlgorithm.Aes128Gcm => 16,
        PayloadAlgorithm.Aes256Gcm => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Reads a wire name; names are case-sensitive, as the drafts write them.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out PayloadAlgorithm algorithm)
    {
        switch (name)
        {
            case Aes128GcmName:
                algorithm = PayloadAlgorithm.Aes128Gcm;
                return true;
            case Aes256GcmName:
                algorithm = PayloadAlgorithm.Aes256Gcm;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    internal static bool TryGetForKeySize(int keySize, out PayloadAlgorithm algorithm)
    {
        algorithm = keySize switch
        {
            16 => PayloadAlgorithm.Aes128Gcm,
            32 => PayloadAlgorithm.Aes256Gcm,
            _ => default,
        };
        return algorithm != default;
    }
}
