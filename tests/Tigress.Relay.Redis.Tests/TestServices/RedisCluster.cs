using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tigress.Relay.Redis.Tests.TestServices;

/// <summary>
/// A Redis Cluster of three primaries, with no replicas or one each, on loopback: <c>redis-server --cluster-enabled yes</c>
/// processes joined with <c>redis-cli --cluster create</c>.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private RedisCluster(RedisServer[] nodes) => Nodes = nodes;

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>The configuration string a relay is given: every node, comma-separated.</summary>
    public string Configuration => string.Join(",", Nodes.Select(node => node.EndPoint));

    /// <summary>The cluster's <c>cluster-node-timeout</c>: how long a node may be silent before it is failed over.</summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Starts three primaries, each with <paramref name="replicasPerPrimary"/> replicas, and waits until all is in sync.</summary>
    public static async Task<RedisCluster> StartAsync(int replicasPerPrimary = 0)
    {
        var nodes = new List<RedisServer>();
        try
        {
            foreach (var port in ClusterPorts(3 * (1 + replicasPerPrimary)))
            {
                nodes.Add(await RedisServer.StartAsync(
                    port,
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", ((int)NodeTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),

                    // A replica stalled for a while may still take over, and no replica wanders to another primary.
                    "--cluster-replica-validity-factor", "0",
                    "--cluster-allow-replica-migration", "no",
                    "--repl-ping-replica-period", "1").ConfigureAwait(false));
            }

            var create = await RedisServer.RunCliAsync(
                ["--cluster", "create", .. nodes.Select(node => node.EndPoint), "--cluster-replicas", replicasPerPrimary.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster-yes"]).ConfigureAwait(false);
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

    /// <summary>The running nodes that are primaries now, each with its running replicas.</summary>
    public async Task<IReadOnlyList<(RedisServer Primary, RedisServer[] Replicas)>> TopologyAsync()
    {
        var running = Nodes.Where(node => node.IsAnswering).ToArray();
        var lines = (await running[0].CliAsync("cluster", "nodes").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // <id> <ip:port@bus> <flags> <primary id or -> ...
        var parsed = lines.Select(line => line.Split(' ')).Where(parts => parts.Length > 3).Select(parts => (
            Id: parts[0],
            Port: int.Parse(parts[1].Split('@')[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
            Primary: parts[2].Contains("master", StringComparison.Ordinal),
            Failed: parts[2].Contains("fail", StringComparison.Ordinal),
            Of: parts[3])).ToArray();
        RedisServer? ByPort(int port) => running.FirstOrDefault(node => node.Port == port);
        return [.. parsed.Where(node => node.Primary && !node.Failed && ByPort(node.Port) is not null).Select(primary => (
            ByPort(primary.Port)!,
            parsed.Where(replica => !replica.Primary && replica.Of == primary.Id).Select(replica => ByPort(replica.Port)).OfType<RedisServer>().ToArray()))];
    }

    /// <summary>Waits until every running node reports the whole cluster served, or throws after <paramref name="limit"/>.</summary>
    public async Task WaitUntilServingAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var ready = true;
            foreach (var node in Nodes.Where(node => node.IsAnswering))
            {
                var info = await node.CliAsync("cluster", "info").ConfigureAwait(false);
                ready &= info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal);
            }

            if (ready)
            {
                return;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"The Redis cluster did not serve every slot again within {limit.TotalSeconds} s.");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    // Every node must report the whole cluster healthy, and every replica be in sync, before a client may rely on it.
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
                var replication = await node.CliAsync("info", "replication").ConfigureAwait(false);
                ready &= !replication.Contains("role:slave", StringComparison.Ordinal) || replication.Contains("master_link_status:up", StringComparison.Ordinal);
            }

            if (ready)
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The Redis cluster did not reach cluster_state:ok within 60 s. redis-cli said:\n{createOutput}");
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
