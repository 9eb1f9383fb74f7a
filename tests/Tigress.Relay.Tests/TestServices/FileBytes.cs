namespace Tigress.Relay.Tests.TestServices;

/// <summary>Looks for bytes in a file that another component may be writing (the relay's database files).</summary>
internal static class FileBytes
{
    /// <summary>Whether the file exists and holds <paramref name="needle"/> anywhere.</summary>
    public static bool Contains(string path, byte[] needle)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0;
    }
}
