using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tigress.Cli.Configuration;
using Tigress.Client.Transfers;

namespace Tigress.Cli.State;

/// <summary>
/// The shares this user left running, one file each in <c>$XDG_STATE_HOME/tigress</c> (<c>~/.local/state/tigress</c>
/// when XDG_STATE_HOME is unset or relative). The folder is created with mode 0700 and every file with 0600, so a
/// state file (which holds the link's secret) is never readable by others, not even for an instant; a file or folder
/// found wider is narrowed with a warning. A file is replaced by writing a new one and renaming it over the old (a
/// reader never sees half a file), and a share is worked on under an exclusive lock (<c>ID.lock</c>), so two
/// processes never run the same share at once.
/// </summary>
internal sealed class ShareStateStore(string folder)
{
    /// <summary>Hex digits in a share's id.</summary>
    public const int IdLength = 12;

    // A state file holds the share's first message, sealed (at most 1 MiB of content, as base64); anything far larger is not one.
    private const long MaxFileBytes = 8 * 1024 * 1024;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Temporary files a killed writer left behind are removed once they are this old.
    private static readonly TimeSpan s_staleTemporary = TimeSpan.FromHours(1);

    /// <summary>The folder that holds the state files.</summary>
    public string Folder { get; } = folder;

    /// <summary>The store of <paramref name="environment"/>'s user.</summary>
    public static ShareStateStore For(CliEnvironment environment) => new(FolderOf(environment));

    /// <summary>Where the state files live, whether or not the folder exists.</summary>
    public static string FolderOf(CliEnvironment environment)
    {
        // The XDG base directory rule: a relative XDG_STATE_HOME is invalid and ignored.
        var folder = environment["XDG_STATE_HOME"] is { } xdg && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(environment["HOME"] ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(folder, "tigress");
    }

    /// <summary>The id of the share <paramref name="link"/> names: the first hex digits of the SHA-256 of the link as
    /// <c>share</c> prints it. It names the file without revealing anything of the link.</summary>
    public static string IdOf(TigressLink link) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(link.Reveal())))[..IdLength];

    /// <summary>True when <paramref name="text"/> has the form of an id (as <c>status</c> shows it) rather than a link.</summary>
    public static bool IsId(string text) => text.Length == IdLength && text.All(char.IsAsciiHexDigitLower);

    /// <summary>The id of the saved share that <paramref name="linkOrId"/> names: its link, or its id as <c>status</c> shows it.</summary>
    /// <exception cref="ShareStateException">No share with that link or id is saved here (<see cref="ExitCodes.UnknownShare"/>).</exception>
    /// <exception cref="Protocol.TigressProtocolException">It is neither an id nor a well-formed link.</exception>
    public string IdFor(string linkOrId)
    {
        var text = linkOrId.Trim();
        string id;
        if (IsId(text))
        {
            id = text;
        }
        else
        {
            using var link = TigressLink.Parse(text);
            id = IdOf(link);
        }

        return Contains(id)
            ? id
            : throw ShareStateException.Unknown(
                $"no share with {(IsId(text) ? "the id " + id : "this link")} is saved on this computer (in {Folder}): it was not left running from this account, "
                + "or it has ended and tigress status reported it.");
    }

    /// <summary>The state file of share <paramref name="id"/>.</summary>
    public string PathOf(string id) => Path.Combine(Folder, id + ".json");

    private string LockPathOf(string id) => Path.Combine(Folder, id + ".lock");

    /// <summary>Whether share <paramref name="id"/> has a state file.</summary>
    public bool Contains(string id) => File.Exists(PathOf(id));

    /// <summary>Creates the folder (mode 0700) if needed, and narrows one that others may read, with a warning.</summary>
    /// <exception cref="ShareStateException">The folder cannot be created or used.</exception>
    public void Prepare(Action<string> warn)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder);
                return;
            }

            if (!Directory.Exists(Folder))
            {
                // The parents as any program makes them; only tigress's own folder is private.
                if (Path.GetDirectoryName(Folder) is { } parent)
                {
                    Directory.CreateDirectory(parent);
                }

                Directory.CreateDirectory(Folder, OwnerOnlyFolder);
            }

            var mode = File.GetUnixFileMode(Folder);
            if ((mode & ~OwnerOnlyFolder) != 0)
            {
                File.SetUnixFileMode(Folder, OwnerOnlyFolder);
                warn($"The folder {Folder} could be read by other users (mode {Octal(mode)}); tigress set it to 0700.");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw ShareStateException.Unusable($"cannot use the folder {Folder} for the shares' state ({exception.Message}).");
        }
    }

    /// <summary>The ids of every saved share, in no particular order; an absent folder holds none. Temporary files a
    /// killed writer left behind long ago are removed on the way.</summary>
    public IReadOnlyList<string> Ids()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".json", StringComparison.Ordinal) && IsId(name[..^".json".Length]))
            {
                ids.Add(name[..^".json".Length]);
            }
            else if (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > s_staleTemporary)
            {
                TryDelete(path);
            }
        }

        return ids;
    }

    /// <summary>Reads and checks the state file of share <paramref name="id"/>, narrowing its mode first if others may read it.</summary>
    /// <exception cref="ShareStateException">The file is gone (<see cref="ExitCodes.UnknownShare"/>), or damaged, cut
    /// short, foreign, from a newer tigress, or unreadable (<see cref="ExitCodes.StateFileUnusable"/>).</exception>
    public ShareStateFile Read(string id, Action<string> warn)
    {
        var path = PathOf(id);
        byte[] bytes;
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                Narrow(path, warn);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
            {
                throw Damaged(path, $"larger than {MaxFileBytes / (1024 * 1024)} MiB");
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ShareStateException.Unknown($"no share with id {id} is saved in {Folder}.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw ShareStateException.Unusable($"state file {path} cannot be read ({exception.Message}).");
        }

        try
        {
            return Parse(path, id, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Writes <paramref name="record"/> as its share's state file: a new file (mode 0600 from its creation)
    /// renamed over the old one, so that the file is always whole.</summary>
    /// <exception cref="ShareStateException">The file cannot be written.</exception>
    public void Write(ShareStateFile record)
    {
        var id = record.Id!;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, ShareStateJsonContext.Default.ShareStateFile);
        var temporary = Path.Combine(Folder, $".{id}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, CreateOptions(FileMode.CreateNew, FileAccess.Write)))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, PathOf(id), overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw ShareStateException.Unusable($"cannot write the state file {PathOf(id)} ({exception.Message}).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Removes share <paramref name="id"/>'s state file and lock file; call it while holding the lock.</summary>
    public void Delete(string id)
    {
        TryDelete(PathOf(id));
        TryDelete(LockPathOf(id));
    }

    /// <summary>Takes the exclusive lock of share <paramref name="id"/>, trying until <paramref name="wait"/> has
    /// passed or <paramref name="stopWaiting"/> says to; null when another process still holds it.</summary>
    /// <exception cref="ShareStateException">The lock file cannot be created at all.</exception>
    public async Task<ShareLock?> TryLockAsync(string id, TimeSpan wait, Func<bool> stopWaiting, CancellationToken cancellationToken)
    {
        var path = LockPathOf(id);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock(2) on Unix, held until the stream is closed or the process dies.
                return new ShareLock(new FileStream(path, CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite)));
            }
            catch (UnauthorizedAccessException exception)
            {
                throw ShareStateException.Unusable($"cannot lock {path} ({exception.Message}).");
            }
            catch (DirectoryNotFoundException)
            {
                throw ShareStateException.Unknown($"no share with id {id} is saved in {Folder}.");
            }
            catch (IOException) when (DateTime.UtcNow < deadline && !stopWaiting())
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private static FileStreamOptions CreateOptions(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created with these bits (less any the umask removes): never readable by others, not even for an instant.
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    [UnsupportedOSPlatform("windows")]
    private static void Narrow(string path, Action<string> warn)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerOnlyFile) == 0)
        {
            return;
        }

        File.SetUnixFileMode(path, OwnerOnlyFile);
        var others = (mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;
        warn(others
            ? $"The state file {path} could be read by other users (mode {Octal(mode)}); tigress set it to 0600. It holds the link: if others use this account or computer, cancel the share (tigress cancel) and share again."
            : $"The state file {path} had mode {Octal(mode)}; tigress set it to 0600.");
    }

    private ShareStateFile Parse(string path, string id, byte[] bytes)
    {
        ShareStateFile? record;
        try
        {
            record = JsonSerializer.Deserialize(bytes, ShareStateJsonContext.Default.ShareStateFile);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $", line {line + 1}" : "";
            throw Damaged(path, bytes.Length == 0 ? "empty" : $"not valid JSON{where}: cut short or changed");
        }

        if (record?.Kind != ShareStateFile.FileKind)
        {
            throw ShareStateException.Unusable($"state file {path} is not a tigress share state; move it out of {Folder}.");
        }

        if (record.Version > ShareStateFile.CurrentVersion)
        {
            throw ShareStateException.Unusable($"state file {path} was written by a newer tigress (version {record.Version}); use that tigress for this share.");
        }

        if (record.Version != ShareStateFile.CurrentVersion || record.Id != id || record.Transfer.ValueKind != JsonValueKind.Object)
        {
            throw Damaged(path, record.Id != id ? "its id is not its name" : "no resumable state in it");
        }

        try
        {
            if (TransferState.FromJson(record.Transfer.GetRawText()).Role != TransferRole.Initiator)
            {
                throw Damaged(path, "it is a recipient's state");
            }
        }
        catch (ArgumentException)
        {
            throw Damaged(path, "its resumable state is not one this tigress reads");
        }

        return record;
    }

    private static ShareStateException Damaged(string path, string why) =>
        ShareStateException.Unusable($"state file {path} is damaged ({why}); remove it. The share it held, if any, works until it expires.");

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left behind: a later run removes it, or it is harmless (a lock file).
        }
    }
}

/// <summary>The exclusive lock of one saved share, held until disposed (or the process ends).</summary>
internal sealed class ShareLock(FileStream stream) : IDisposable
{
    public void Dispose() => stream.Dispose();
}
