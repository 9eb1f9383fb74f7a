using Tigress.Relay.Redis.Tests.TestServices;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>The store's own key-slot arithmetic against the published check value and a real cluster's answers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HashSlotsTests(RedisClusterFixture redis)
{
    [Fact]
    public void Crc16_OfTheStandardCheckInput_IsTheXmodemCheckValue()
    {
        Assert.Equal(0x31C3, HashSlots.Crc16("123456789"u8));
    }

    [Fact]
    public async Task Of_AgreesWithClusterKeyslot()
    {
        string[] keys = ["plain", "tigress:{m:0123456789abcdef0123456789abcdef}", "a{}b", "{}{x}", "x{y}z{w}", "{user1000}.following", .. Enumerable.Range(0, 20).Select(_ => Guid.NewGuid().ToString())];
        foreach (var key in keys)
        {
            Assert.Equal(await redis.KeySlotAsync(key), HashSlots.Of(key));
        }
    }

    [Fact]
    public void TagFor_EverySlot_LandsInThatSlot()
    {
        for (var slot = 0; slot < HashSlots.Count; slot++)
        {
            Assert.Equal(slot, HashSlots.Of("{" + HashSlots.TagFor(slot) + "}:x"));
        }
    }
}
