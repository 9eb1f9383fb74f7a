using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>On the Redis store the data folder holds only the VAPID key pair, and is as private as on SQLite.</summary>
public sealed class RedisDataFolderTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Relay_FreshDataFolder_IsCreatedForItsUserOnly()
    {
        await using var redis = await RedisServer.StartAsync();
        var parent = TemporaryFolder.Create("redis-data");
        var folder = Path.Combine(parent, "fresh");
        try
        {
            await using (await RelayProcess.StartAsync(folder, "--store", "redis", "--redis", redis.EndPoint))
            {
                var keys = Path.Combine(folder, "vapid.json");
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!File.Exists(keys) && waited.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(100);
                }

                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys));
            }
        }
        finally
        {
            TemporaryFolder.Delete(parent);
        }
    }
}
