using Tigress.Relay.Hosting;

namespace Tigress.Relay.Tests.Hosting;

public sealed class ConnectionBudgetTests
{
    [Fact]
    public void Compute_FromTheOpenFileLimit_LeavesTheOpenAndReservedDescriptorsFree()
    {
        var budget = ConnectionBudget.Compute(new ConnectionLimitOptions { ReservedDescriptors = 128 }, openFileLimit: 1024, openAtStart: 200);

        Assert.Equal(1024 - 200 - 128, budget.MaxConnections);
        Assert.False(budget.Lowered);
    }

    [Fact]
    public void Compute_ConfiguredAboveWhatTheLimitAllows_IsLowered()
    {
        var budget = ConnectionBudget.Compute(new ConnectionLimitOptions { MaxConnections = 5000 }, openFileLimit: 1024, openAtStart: 200);

        Assert.Equal(1024 - 200 - 128, budget.MaxConnections);
        Assert.True(budget.Lowered);
    }

    [Fact]
    public void Compute_ConfiguredWithinTheLimit_IsKept()
    {
        var budget = ConnectionBudget.Compute(new ConnectionLimitOptions { MaxConnections = 300 }, openFileLimit: 1024, openAtStart: 200);

        Assert.Equal(300, budget.MaxConnections);
        Assert.False(budget.Lowered);
    }

    [Fact]
    public void Compute_LimitUnknown_UsesTheConfiguredValueOrTheFallback()
    {
        Assert.Equal(700, ConnectionBudget.Compute(new ConnectionLimitOptions { MaxConnections = 700 }, null, 0).MaxConnections);
        Assert.Equal(ConnectionBudget.FallbackMaxConnections, ConnectionBudget.Compute(new ConnectionLimitOptions(), null, 0).MaxConnections);
    }

    [Theory]
    [InlineData(128, 100, 50)]
    [InlineData(128, 1000, 128)]
    [InlineData(0, 100, 0)]
    [InlineData(128, 1, 1)]
    public void Compute_PerClientCap_NeverExceedsHalfTheBudget(int perClient, long maxConnections, int expected)
    {
        var budget = ConnectionBudget.Compute(new ConnectionLimitOptions { MaxConnections = maxConnections, MaxConnectionsPerClient = perClient }, null, 0);

        Assert.Equal(expected, budget.MaxConnectionsPerClient);
    }

    [Fact]
    public void ReadOpenFileLimit_IsTheProcesssSoftLimit()
    {
        if (!File.Exists("/proc/self/limits"))
        {
            Assert.Null(ConnectionBudget.ReadOpenFileLimit());
            return;
        }

        var line = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

        Assert.Equal(soft == "unlimited" ? null : long.Parse(soft, System.Globalization.CultureInfo.InvariantCulture), ConnectionBudget.ReadOpenFileLimit());
        Assert.True(ConnectionBudget.CountOpenDescriptors() > 0);
    }
}
