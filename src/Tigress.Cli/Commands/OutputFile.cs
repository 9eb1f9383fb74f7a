using System.Text;

namespace Tigress.Cli.Commands;

/// <summary>
/// The file <c>receive --out</c> writes, checked before the share is claimed: a temporary file is created beside the
/// target at once (exclusively, readable by the user only), so an unwritable folder, a folder given as the target, or
/// an existing file (without <c>--force</c>) fails before anything is received. The credential is written to the
/// temporary file and then moved into place, so nobody ever sees half of it.
/// </summary>
internal sealed class OutputFile : IDisposable
{
    // The longest name (in bytes) most file systems take.
    private const int MaxNameBytes = 255;

    private readonly bool _overwrite;
    private readonly string _temporary;
    private bool _written;
    private bool _committed;

    private OutputFile(string path, string temporary, bool overwrite)
    {
        Path = path;
        _temporary = temporary;
        _overwrite = overwrite;
    }

    /// <summary>The target, a full path.</summary>
    public string Path { get; }

    /// <summary>After a failed <see cref="CommitAsync"/>: where the whole credential is, if it reached the temporary file.</summary>
    public string? KeptAt => _written && !_committed ? _temporary : null;

    /// <summary>Checks the target and creates the temporary file beside it.</summary>
    /// <exception cref="CliUsageException">The target cannot be written.</exception>
    public static OutputFile Prepare(string path, bool overwrite)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"--out: '{path}' is a folder; give the path of a new file.");
        }

        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"--out: the folder of '{path}' does not exist.");
        }

        if (File.Exists(path) && !overwrite)
        {
            throw new CliUsageException($"--out: '{path}' exists; give a new file, or add --force to replace it.");
        }

        var temporary = System.IO.Path.Combine(folder, TemporaryName(System.IO.Path.GetFileName(path)));
        try
        {
            using (new FileStream(temporary, Options(FileMode.CreateNew)))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--out: cannot create a file in '{folder}': {exception.Message}");
        }

        return new OutputFile(path, temporary, overwrite);
    }

    /// <summary>Writes <paramref name="content"/> to the temporary file and moves it into place.</summary>
    public async Task CommitAsync(byte[] content, CancellationToken cancellationToken)
    {
        var stream = new FileStream(_temporary, Options(FileMode.Truncate));
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        _written = true;
        File.Move(_temporary, Path, _overwrite);
        _committed = true;
    }

    /// <summary>Removes the temporary file, unless it keeps a credential that could not be moved into place.</summary>
    public void Dispose()
    {
        if (_committed || _written)
        {
            return;
        }

        try
        {
            File.Delete(_temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Empty, and readable by the user only: nothing leaks if it stays.
        }
    }

    /// <summary>The temporary file's name: hidden, unique, and no longer than any common file system takes, whatever the
    /// length of the target's name (it keeps as much of that name as fits, for a person who finds one left over).</summary>
    internal static string TemporaryName(string name)
    {
        var unique = $".{Guid.NewGuid():N}.tmp";
        var room = MaxNameBytes - 1 - unique.Length;
        var kept = name;
        while (Encoding.UTF8.GetByteCount(kept) > room)
        {
            // Whole characters only: never half of a surrogate pair.
            kept = kept[..^(char.IsLowSurrogate(kept[^1]) && kept.Length > 1 ? 2 : 1)];
        }

        return "." + kept + unique;
    }

    private static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows() && mode == FileMode.CreateNew)
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
