using System.Text;

namespace Tigress.Relay.Redis;

/// <summary>
/// Redis Cluster key slots: CRC-16/XMODEM of the key's hash tag (or of the whole key when it has none), modulo 16384.
/// The store needs them to put a mailbox's expiry index entry in the same slot as the mailbox, so that one script
/// can change both.
/// </summary>
internal static class HashSlots
{
    /// <summary>Number of slots in a Redis Cluster.</summary>
    public const int Count = 16384;

    private static readonly Lazy<string[]> s_tags = new(BuildTags);

    /// <summary>The slot a key lives in.</summary>
    public static int Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = Encoding.UTF8.GetBytes(key);
        return Crc16(HashedPart(bytes)) % Count;
    }

    /// <summary>A short hash tag whose keys live in <paramref name="slot"/>; the same tag every time.</summary>
    public static string TagFor(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Count);
        return s_tags.Value[slot];
    }

    /// <summary>CRC-16/XMODEM (polynomial 0x1021, initial value 0), the checksum Redis Cluster hashes keys with.</summary>
    public static int Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0xFFFF;
    }

    // The cluster specification: hash only what is between the first '{' and the first '}' after it, if that is
    // not empty; otherwise the whole key.
    private static ReadOnlySpan<byte> HashedPart(ReadOnlySpan<byte> key)
    {
        var open = key.IndexOf((byte)'{');
        if (open < 0)
        {
            return key;
        }

        var close = key[(open + 1)..].IndexOf((byte)'}');
        return close <= 0 ? key : key.Slice(open + 1, close);
    }

    // Counts up in hexadecimal until every slot has a tag: about 170,000 checksums of at most five bytes, once.
    private static string[] BuildTags()
    {
        var tags = new string[Count];
        var missing = Count;
        Span<byte> text = stackalloc byte[8];
        for (var candidate = 0; missing > 0; candidate++)
        {
            candidate.TryFormat(text, out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
            var slot = Crc16(text[..written]) % Count;
            if (tags[slot] is null)
            {
                tags[slot] = Encoding.ASCII.GetString(text[..written]);
                missing--;
            }
        }

        return tags;
    }
}
