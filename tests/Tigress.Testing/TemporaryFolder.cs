namespace Tigress.Testing;

/// <summary>Fresh folders under the system's temporary folder, one per test resource.</summary>
public static class TemporaryFolder
{
    /// <summary>Creates an empty folder whose name starts with <paramref name="purpose"/>.</summary>
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tigress-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a folder and everything in it, ignoring files still held by a dying process.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
