using System.Diagnostics;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>Polls a condition that background work makes true, failing the test if it takes too long.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((within ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
