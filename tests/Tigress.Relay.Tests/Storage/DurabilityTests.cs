using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary><c>Relay:Durability</c>: <c>process</c> (the default) or <c>power</c>, checked at start, and what each sets in SQLite.</summary>
public sealed class DurabilityTests
{
    [Theory]
    [InlineData(null, 1L)] // synchronous=NORMAL
    [InlineData("process", 1L)]
    [InlineData("Power", 2L)] // synchronous=FULL: the WAL is synced at each commit
    public async Task Start_WithADurability_SetsSqlitesSynchronousMode(string? durability, long synchronous)
    {
        var settings = new Dictionary<string, string?>();
        if (durability is not null)
        {
            settings["Relay:Durability"] = durability;
        }

        await using var relay = await LoopbackRelay.StartAsync(settings);
        var database = relay.Services.GetRequiredService<SqliteDatabase>();

        Assert.Equal(synchronous, await StoreGrowthTests.ScalarAsync(database, "PRAGMA synchronous;"));
    }

    [Theory]
    [InlineData("disk")]
    [InlineData("")]
    [InlineData("1")]
    public async Task Start_WithAnUnknownDurability_FailsNamingTheSettingAndItsValues(string durability)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:Durability"] = durability }));

        Assert.Contains($"Relay:Durability must be process (an acknowledged write survives the relay process being killed) or power (it survives a power loss too); got '{durability}'.", error.Message, StringComparison.Ordinal);
    }
}
