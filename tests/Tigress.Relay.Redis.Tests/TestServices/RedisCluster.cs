using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tigress.Relay.Redis.Tests.TestServices;

/// <summary>
/// A Redis Cluster of three primaries and no replicas, on loopback: three <c>redis-server --cluster-enabled yes</c>
/// processes joined with <c>redis-cli --cluster create</c>.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private RedisCluster(RedisServer[] nodes) => Nodes = nodes;

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>The configuration string a relay is given: every node, comma-separated.</summary>
    public string Configuration => string.Join(",", Nodes.Select(node => node.EndPoint));

    public static async Task<RedisCluster> StartAsync()
    {
        var nodes = new List<RedisServer>();
        try
        {
            foreach (var port in ClusterPorts(3))
            {
                nodes.Add(await RedisServer.StartAsync(
                    port,
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000").ConfigureAwait(false));
            }

            var create = await RedisServer.RunCliAsync(
                ["--cluster", "create", .. nodes.Select(node => node.EndPoint), "--cluster-replicas", "0", "--cluster-yes"]).ConfigureAwait(false);
            var cluster = new RedisCluster([.. nodes]);
            await cluster.WaitUntilReadyAsync(create).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Every node must report the whole cluster healthy before a client may rely on it.
    private async Task WaitUntilReadyAsync(string createOutput)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var ready = true;
            foreach (var node in Nodes)
            {
                var info = await node.CliAsync("cluster", "info").ConfigureAwait(false);
                ready &= info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal);
            }

            if (ready)
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The Redis cluster did not reach cluster_state:ok within 30 s. redis-cli said:\n{createOutput}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    // A cluster node also listens on its port + 10000 (the cluster bus): both must be free.
    private static IEnumerable<int> ClusterPorts(int count)
    {
        var found = 0;
        while (found < count)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            if (IsFree(port) && IsFree(port + 10_000))
            {
                found++;
                yield return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
