using StackExchange.Redis;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.TestServices;

/// <summary>A single Redis server for a test class, with one shared client connection.</summary>
public sealed class SingleRedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public string Configuration => Server.EndPoint;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>A three-primary Redis Cluster with one replica per primary, for a test class, with one shared client connection.</summary>
public sealed class ReplicatedClusterFixture : IAsyncLifetime
{
    /// <summary>Writes confirmed by one replica (the default on primaries that have one), waited for generously.</summary>
    internal static readonly RedisReplication Confirmed = new(null, TimeSpan.FromSeconds(3));

    internal RedisCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartAsync(replicasPerPrimary: 1);
        Connection = await ConnectionMultiplexer.ConnectAsync(Cluster.Configuration);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (Cluster is not null)
        {
            foreach (var node in Cluster.Nodes)
            {
                node.Resume();
            }

            await Cluster.DisposeAsync();
        }
    }
}

/// <summary>
/// A three-primary Redis Cluster shared by every test in the <see cref="ClusterCollection"/>, and, once a test asks for
/// them, two <c>tigress relay</c> processes that share it as one deployment.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _relaysGate = new(1, 1);
    private RelayProcess[]? _relays;

    internal RedisCluster Cluster { get; private set; } = null!;

    public string Configuration => Cluster.Configuration;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
    }

    /// <summary>Two relay nodes on the cluster, started on first use and stopped with the fixture.</summary>
    internal async Task<(MailboxApi NodeA, MailboxApi NodeB)> RelaysAsync()
    {
        await _relaysGate.WaitAsync();
        try
        {
            _relays ??= await Task.WhenAll(
                RelayProcess.StartAsync(null, "--store", "redis", "--redis", Configuration),
                RelayProcess.StartAsync(null, "--store", "redis", "--redis", Configuration));
            return (Api(_relays[0]), Api(_relays[1]));
        }
        finally
        {
            _relaysGate.Release();
        }

        static MailboxApi Api(RelayProcess relay) => new(new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(90) });
    }

    public async Task DisposeAsync()
    {
        foreach (var relay in _relays ?? [])
        {
            await relay.DisposeAsync();
        }

        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>The slot the cluster itself computes for a key (<c>CLUSTER KEYSLOT</c>).</summary>
    public async Task<int> KeySlotAsync(string key) =>
        int.Parse((await Cluster.Nodes[0].CliAsync("cluster", "keyslot", key)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Another client connection, as a second relay node would have.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);
}

/// <summary>The tests that share one Redis Cluster; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
