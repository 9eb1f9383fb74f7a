using System.Diagnostics;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>
/// How a side waits for the other (held reads where the server honours <c>Prefer: wait</c>, polling with capped
/// backoff where it does not), when it gives up, and what happens when a cancel races the other side's answer.
/// </summary>
public sealed class DropboxWaitingTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    public static TheoryData<string> Servers => DropboxServers.Names;

    [Fact]
    public async Task Nginx_IgnoresPreferWait_InitiatorPollsWithGrowingCappedPauses()
    {
        var recorder = Dropboxes.Recorder();
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Nginx), "polled", Dropboxes.Client(recorder));
        var link = await Dropboxes.InviteAsync(initiator);
        var answerLocation = Dropboxes.Locations(initiator.GetState())[1];
        var sending = initiator.RunAsync();

        // Three seconds at least, for the pauses to grow to their cap, and four polls, however slowly a loaded machine runs.
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(3)
            || recorder.Requests.Count(r => r.Method == HttpMethod.Get && r.Uri == answerLocation) < 4)
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "the initiator did not poll four times in 60 s");
            await Task.Delay(50);
        }

        using var recipient = Dropboxes.Receive(link);
        await recipient.RunAsync();
        await sending;

        var polls = recorder.Requests.Where(r => r.Method == HttpMethod.Get && r.Uri == answerLocation).Select(r => r.At).ToList();
        var pauses = polls.Zip(polls.Skip(1), (a, b) => b - a).OrderBy(p => p).ToList();

        // Wall-clock bounds stay loose, so a busy machine cannot fail this test; the backoff schedule itself is
        // checked exactly in HttpRetryPolicyTests. Here: it polled, it did not hammer, and it never stalled.
        Assert.True(polls.Count >= 4, $"only {polls.Count} polls");
        Assert.True(pauses[pauses.Count / 2] >= TimeSpan.FromMilliseconds(25), $"median pause {pauses[pauses.Count / 2]}: no backoff");
        Assert.True(pauses[^1] <= TimeSpan.FromSeconds(5), $"longest pause {pauses[^1]}: above the 400 ms cap by far");
    }

    [Fact]
    public async Task Relay_HonoursPreferWait_InitiatorHoldsFewReads()
    {
        var recorder = Dropboxes.Recorder();
        var options = new TransferSessionOptions { LongPollWait = TimeSpan.FromSeconds(2) };
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Relay), "held", Dropboxes.Client(recorder), options);
        var link = await Dropboxes.InviteAsync(initiator);
        var sending = initiator.RunAsync();

        await Task.Delay(TimeSpan.FromSeconds(3));
        using var recipient = Dropboxes.Receive(link);
        await recipient.RunAsync();
        Assert.Equal(TransferStatus.Completed, (await sending).Status);

        var answerLocation = Dropboxes.Locations(initiator.GetState())[1];
        var polls = recorder.Requests.Count(r => r.Method == HttpMethod.Get && r.Uri == answerLocation);
        Assert.InRange(polls, 1, 3);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task NobodyAnswers_InitiatorExpiresAtItsDeadline_AndTakesMessage0Back(string server)
    {
        var options = new TransferSessionOptions { AnswerTimeout = TimeSpan.FromSeconds(1) };
        var events = new List<TransferEvent>();
        options.EventOccurred = events.Add;
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(server), "unclaimed", options: options);
        var link = await Dropboxes.InviteAsync(initiator);
        var started = DateTimeOffset.UtcNow;

        var result = await initiator.RunAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        using var late = Dropboxes.Receive(link);
        var lateResult = await late.RunAsync();

        Assert.Equal(TransferStatus.Expired, result.Status);
        Assert.False(result.PeerSeen);
        var deadline = events.Single(e => e.Kind == TransferEventKind.Waiting).Deadline!.Value;
        Assert.InRange(deadline - started, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
        Assert.True(DateTimeOffset.UtcNow >= deadline);
        Assert.Equal(TransferStatus.Expired, lateResult.Status);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Fact]
    public async Task ShareExpiration_ShortensTheWait()
    {
        using var initiator = await TransferSession.ShareAsync(
            Dropboxes.Client().AsTigress(),
            new ShareRequest
            {
                Binding = TransferBinding.Dropbox,
                RelayUri = servers.BaseUri(DropboxServers.Relay),
                Format = AuthorizationTokenVertical.FormatName,
                Content = "brief"u8.ToArray(),
                DisplayInformation = Samples.Display,
                Expiration = DateTimeOffset.UtcNow.AddSeconds(1),
            });
        await Dropboxes.InviteAsync(initiator);

        var result = await initiator.RunAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(TransferStatus.Expired, result.Status);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task InitiatorCancelsJustBeforeTheRecipientAnswers_RecipientFindsTheCancelWhereItWouldWrite(string server)
    {
        var (recipient, blocked, release, step, initiator) = await StartRecipientHeldAtAsync(server, HttpMethod.Get, 2);
        await blocked.WaitAsync(TimeSpan.FromSeconds(20)); // took message 0; about to look at location 1

        await initiator.CancelAsync("Not today");
        release.SetResult();
        await step;

        Assert.Equal(TransferStatus.Cancelled, initiator.Status);
        Assert.Equal(TransferStatus.Cancelled, recipient.Status);
        var result = await recipient.RunAsync();
        Assert.True(result.CancelledByPeer);
        Assert.Equal("Not today", result.CancelReason);
        Assert.Null(result.Content);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
        initiator.Dispose();
        recipient.Dispose();
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task InitiatorCancelsBetweenTheRecipientsLookAndItsWrite_WriteOnceServersCatchIt_PlainServersEndAtTheDeadline(string server)
    {
        var (recipient, blocked, release, step, initiator) = await StartRecipientHeldAtAsync(server, HttpMethod.Put, 1);
        await blocked.WaitAsync(TimeSpan.FromSeconds(20)); // looked at location 1 (empty); about to write there

        await initiator.CancelAsync("Not today");
        release.SetResult();
        await step;
        var result = await recipient.RunAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(TransferStatus.Cancelled, initiator.Status);
        if (server == DropboxServers.Nginx)
        {
            // nginx overwrites: the cancel is lost, the recipient waits for an answer that never comes, and at its
            // deadline it deletes its own message, so nothing is left.
            Assert.Equal(TransferStatus.Expired, result.Status);
        }
        else
        {
            // The relay's locations are write-once: the write fails with 409, the recipient looks again and finds the cancel.
            Assert.Equal(TransferStatus.Cancelled, result.Status);
            Assert.Equal("Not today", result.CancelReason);
        }

        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
        initiator.Dispose();
        recipient.Dispose();
    }

    /// <summary>Starts a car key share and one recipient step whose <paramref name="count"/>-th request of
    /// <paramref name="method"/> is held until the test releases it.</summary>
    private async Task<(TransferSession Recipient, Task Blocked, TaskCompletionSource Release, Task Step, TransferSession Initiator)> StartRecipientHeldAtAsync(
        string server, HttpMethod method, int count)
    {
        var options = new TransferSessionOptions { AnswerTimeout = TimeSpan.FromSeconds(2) };
        var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(server), options: options);
        var link = await Dropboxes.InviteAsync(initiator);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        var handler = Dropboxes.Recorder(async (request, send, _) =>
        {
            if (request.Method == method && Interlocked.Increment(ref seen) == count)
            {
                blocked.SetResult();
                await release.Task;
            }

            return await send();
        });
        var recipient = Dropboxes.Receive(link, Dropboxes.Client(handler), options);
        var step = recipient.StepAsync();
        return (recipient, blocked.Task, release, step, initiator);
    }
}
