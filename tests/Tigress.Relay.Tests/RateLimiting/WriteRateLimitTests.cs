using System.Globalization;
using System.Net;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.RateLimiting;

/// <summary>Every write is rate limited per client: update, delete, relinquish, and the dropbox's delete.</summary>
public sealed class WriteRateLimitTests
{
    [Fact]
    public async Task Writes_BeyondThePerClientLimit_Answer429WithRetryAfter_WhateverTheMethod()
    {
        // Arrange
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:RateLimits:Enabled"] = "true",
            ["Relay:RateLimits:WritePerMinute"] = "3",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await api.CreateAsync(initiator, rights: "RWD");
        (await api.ReadAsync(mailbox.Id, recipient)).Dispose();

        // Act: the three writes the bucket holds, then one of each kind more.
        using (var update = await api.WriteAsync(mailbox.Id, initiator))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        using (var update = await api.WriteAsync(mailbox.Id, recipient))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        using (var relinquish = await api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient))
        {
            Assert.Equal(HttpStatusCode.OK, relinquish.StatusCode);
        }

        using var put = await api.WriteAsync(mailbox.Id, initiator);
        using var delete = await api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator);
        using var patch = await api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient);
        using var dropboxDelete = await http.DeleteAsync("d/" + new string('a', 43));

        // Assert
        foreach (var limited in new[] { put, delete, patch, dropboxDelete })
        {
            await MailboxApi.AssertProblemAsync(limited, 429, "rate-limited");
            var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 60);
        }

        // Reads and creates have buckets of their own (the relinquish cleared the recipient's message).
        using var read = await api.ReadAsync(mailbox.Id, initiator);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        await api.CreateAsync(Guid.NewGuid());
    }
}
