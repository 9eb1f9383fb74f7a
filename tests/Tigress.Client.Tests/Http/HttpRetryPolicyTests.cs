using Tigress.Client.Http;

namespace Tigress.Client.Tests.Http;

public sealed class HttpRetryPolicyTests
{
    [Fact]
    public void Backoff_DoublesEachAttemptWithJitterAndNeverPassesTheCap()
    {
        var initial = TimeSpan.FromMilliseconds(50);
        var cap = TimeSpan.FromMilliseconds(400);

        for (var attempt = 0; attempt < 12; attempt++)
        {
            // The step doubles from the initial pause up to the cap; jitter keeps each pause between half the step and the step.
            var step = Math.Min(50 * Math.Pow(2, attempt), 400);
            var low = step / 2;
            for (var sample = 0; sample < 200; sample++)
            {
                var pause = HttpRetryPolicy.Backoff(initial, cap, attempt).TotalMilliseconds;
                Assert.InRange(pause, low, step);
            }
        }
    }

    [Fact]
    public void Backoff_ManyAttempts_StaysJitteredUnderTheCap()
    {
        var pauses = Enumerable.Range(0, 200)
            .Select(_ => HttpRetryPolicy.Backoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), int.MaxValue))
            .ToList();

        // Clients that keep failing must not all come back at the same moment.
        Assert.All(pauses, pause => Assert.InRange(pause, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)));
        Assert.True(pauses.Distinct().Count() > 100, $"only {pauses.Distinct().Count()} distinct pauses at the cap");
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(3600, 60)]
    [InlineData(-5, 0)]
    public void Delay_RetryAfter_IsHonouredBeyondTheBackoffCapUpToAMinuteAndNeverNegative(int retryAfterSeconds, int expectedSeconds)
    {
        var policy = new HttpRetryPolicy(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeProvider.System);

        var delay = policy.Delay(0, TimeSpan.FromSeconds(retryAfterSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }
}
