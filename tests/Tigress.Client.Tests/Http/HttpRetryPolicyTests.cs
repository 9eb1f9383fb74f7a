using Tigress.Client.Http;

namespace Tigress.Client.Tests.Http;

/// <summary>The one retry schedule every loop of the SDK uses: decorrelated jitter, bounded, <c>Retry-After</c> first.</summary>
public sealed class HttpRetryPolicyTests
{
    private static readonly TimeSpan s_initial = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_cap = TimeSpan.FromMilliseconds(400);

    [Fact]
    public void Next_StaysBetweenTheInitialWaitAndTheCap_AndGrowsAtMostThreefold()
    {
        for (var run = 0; run < 100; run++)
        {
            var backoff = new Backoff(s_initial, s_cap);
            var previous = s_initial;
            for (var attempt = 0; attempt < 30; attempt++)
            {
                var wait = backoff.Next();
                Assert.InRange(wait, s_initial, s_cap);
                Assert.True(wait <= previous * 3, $"{wait} after {previous}");
                previous = wait;
            }
        }
    }

    [Fact]
    public void Next_ManyFailures_StaysJitteredAtTheCap()
    {
        var waits = Enumerable.Range(0, 200).Select(_ =>
        {
            var backoff = new Backoff(s_initial, TimeSpan.FromSeconds(1));
            for (var attempt = 0; attempt < 50; attempt++)
            {
                backoff.Next();
            }

            return backoff.Next();
        }).ToList();

        // Clients that keep failing must not all come back at the same moment.
        Assert.All(waits, wait => Assert.InRange(wait, s_initial, TimeSpan.FromSeconds(1)));
        Assert.True(waits.Distinct().Count() > 150, $"only {waits.Distinct().Count()} distinct waits at the cap");
        Assert.True(waits.Count(wait => wait == TimeSpan.FromSeconds(1)) < 5, "the waits pile up at the cap");
        Assert.Contains(waits, wait => wait < TimeSpan.FromMilliseconds(700));
        Assert.Contains(waits, wait => wait > TimeSpan.FromMilliseconds(800));
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(3600, 60)]
    [InlineData(-5, 0)]
    public void Next_RetryAfter_WinsOverTheDrawBeyondTheCapUpToAMinuteAndNeverNegative(int retryAfterSeconds, int expectedSeconds)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

        var wait = backoff.Next(TimeSpan.FromSeconds(retryAfterSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);

        // The schedule goes on within its own bounds.
        Assert.InRange(backoff.Next(), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Reset_StartsTheScheduleOver()
    {
        var backoff = new Backoff(s_initial, TimeSpan.FromSeconds(10));
        for (var attempt = 0; attempt < 40; attempt++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next(), s_initial, s_initial * 3);
    }

    [Fact]
    public void Next_CapBelowTheInitialWait_TheCapWinsWithJitter()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300));

        var waits = Enumerable.Range(0, 100).Select(_ => backoff.Next()).ToList();

        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(300)));
        Assert.True(waits.Distinct().Count() > 50);
    }

    [Fact]
    public void Start_UsesTheClientsRetrySettings()
    {
        var policy = new HttpRetryPolicy(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeProvider.System);

        var first = policy.Start().Next();

        Assert.InRange(first, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500));
    }
}
