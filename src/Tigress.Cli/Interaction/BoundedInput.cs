namespace Tigress.Cli.Interaction;

/// <summary>Reads a stream that may never end (a pipe, <c>/dev/zero</c>) up to a limit, never more than one byte past it.</summary>
internal static class BoundedInput
{
    /// <summary>The whole stream, or null when it holds more than <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > maxBytes ? null : buffer[..length];
    }
}
