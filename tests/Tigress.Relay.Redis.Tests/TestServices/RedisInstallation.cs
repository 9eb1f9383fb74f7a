namespace Tigress.Relay.Redis.Tests.TestServices;

/// <summary>Finds the Redis programs the tests start. A missing install fails the test: it is never skipped.</summary>
internal static class RedisInstallation
{
    private static readonly Lazy<string> s_server = new(() => Locate("redis-server"));
    private static readonly Lazy<string> s_cli = new(() => Locate("redis-cli"));

    public static string Server => s_server.Value;

    public static string Cli => s_cli.Value;

    private static string Locate(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        string[] folders = [.. path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/bin", "/usr/sbin", "/usr/local/bin"];
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"{program} is not installed, and the Redis store tests need a real server. Run ./test.sh, which installs the Debian package redis-server.");
    }
}
