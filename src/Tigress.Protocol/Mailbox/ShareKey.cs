using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// The AES key a share URL carries in its fragment: 16 bytes for AEAD_AES_128_GCM, 32 for AEAD_AES_256_GCM.
/// It owns its buffer, keeps it pinned, and clears it on <see cref="Dispose"/>.
/// </summary>
public sealed class ShareKey : IDisposable
{
    private readonly byte[] _key;
    private bool _disposed;

    private ShareKey(byte[] key, PayloadAlgorithm algorithm)
    {
        _key = key;
        Algorithm = algorithm;
    }

    /// <summary>The cipher this key is for, decided by its length.</summary>
    public PayloadAlgorithm Algorithm { get; }

    /// <summary>The key length in bytes (16 or 32).</summary>
    public int Size => _key.Length;

    /// <summary>Creates a fresh key from a CSPRNG for <paramref name="algorithm"/>.</summary>
    public static ShareKey Generate(PayloadAlgorithm algorithm = PayloadAlgorithm.Aes128Gcm)
    {
        var key = AllocatePinned(PayloadAlgorithms.GetKeySize(algorithm));
        RandomNumberGenerator.Fill(key);
        return new ShareKey(key, algorithm);
    }

    /// <summary>Copies <paramref name="key"/> (16 or 32 bytes) into a new key.</summary>
    /// <exception cref="ArgumentException">The key is not 16 or 32 bytes long.</exception>
    public static ShareKey Import(ReadOnlySpan<byte> key)
    {
        if (!TryImport(key, out var shareKey))
        {
            throw Error.Argument_KeySize(nameof(key), key.Length);
        }

        return shareKey;
    }

    /// <summary>Copies <paramref name="key"/> into a new key; false when it is not 16 or 32 bytes long.</summary>
    public static bool TryImport(ReadOnlySpan<byte> key, [NotNullWhen(true)] out ShareKey? shareKey)
    {
        if (!PayloadAlgorithms.TryGetForKeySize(key.Length, out var algorithm))
        {
            shareKey = null;
            return false;
        }

        var copy = AllocatePinned(key.Length);
        key.CopyTo(copy);
        shareKey = new ShareKey(copy, algorithm);
        return true;
    }

    /// <summary>Returns a copy of the key bytes; the caller should clear it when done.</summary>
    public byte[] Export() => AsSpan().ToArray();

    /// <summary>Copies the key bytes into <paramref name="destination"/>; false when it is shorter than <see cref="Size"/>.</summary>
    public bool TryExport(Span<byte> destination, out int bytesWritten)
    {
        var key = AsSpan();
        if (destination.Length < key.Length)
        {
            bytesWritten = 0;
            return false;
        }

        key.CopyTo(destination);
        bytesWritten = key.Length;
        return true;
    }

    /// <summary>Clears the key bytes; the key cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_key);
            _disposed = true;
        }
    }

    /// <summary>Names the algorithm only; the key bytes are never printed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"ShareKey({PayloadAlgorithms.GetName(Algorithm)})";

    internal ReadOnlySpan<byte> AsSpan()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _key;
    }

    // Pinned so the GC never leaves stray copies of the key behind when it compacts the heap.
    private static byte[] AllocatePinned(int size) => GC.AllocateUninitializedArray<byte>(size, pinned: true);
}
