using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tigress.Relay.Notifications;

namespace Tigress.Relay.Diagnostics;

/// <summary>
/// What an operator can watch without learning any content: how many mailboxes were created and claimed, how each
/// ended, and how long requests take. No instrument carries an id, a claim or an address.
/// </summary>
internal sealed class RelayMetrics
{
    public const string MeterName = "Tigress.Relay";

    private readonly Counter<long> _created;
    private readonly Counter<long> _claimed;
    private readonly Counter<long> _relinquished;
    private readonly Counter<long> _pinFailed;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _dropboxWritten;
    private readonly Counter<long> _dropboxDeleted;
    private readonly Histogram<double> _requestDuration;
    private readonly UpDownCounter<long> _streams;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _pushQueue;
    private readonly Histogram<double> _pushDuration;
    private readonly Counter<long> _storeRefused;

    public RelayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("tigress.relay.mailboxes.created", "{mailbox}", "Mailboxes created.");
        _claimed = meter.CreateCounter<long>("tigress.relay.mailboxes.claimed", "{mailbox}", "Mailboxes claimed by a recipient.");
        _relinquished = meter.CreateCounter<long>("tigress.relay.mailboxes.relinquished", "{mailbox}", "Mailboxes given up by their recipient.");
        _pinFailed = meter.CreateCounter<long>("tigress.relay.pin.failed", "{guess}", "Wrong proofs of a relay-assisted PIN, each spending a guess; tigress.locked says whether it was the last.");
        _ended = meter.CreateCounter<long>("tigress.relay.mailboxes.ended", "{mailbox}", "Mailboxes that ended, by outcome.");
        _dropboxWritten = meter.CreateCounter<long>("tigress.relay.dropbox.written", "{message}", "Dropbox messages written.");
        _dropboxDeleted = meter.CreateCounter<long>("tigress.relay.dropbox.deleted", "{message}", "Dropbox messages read and deleted.");
        _requestDuration = meter.CreateHistogram(
            "tigress.relay.request.duration",
            "s",
            "Time to answer a mailbox API request.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60] });
        _streams = meter.CreateUpDownCounter<long>("tigress.relay.events.streams", "{stream}", "Server-Sent Events streams open now.");
        _pushes = meter.CreateCounter<long>("tigress.relay.push.attempts", "{attempt}", "Push delivery attempts, by token type and outcome.");
        _pushQueue = meter.CreateCounter<long>("tigress.relay.push.skipped", "{push}", "Wake-up attempts not made: replaced by a newer one, dropped from a full lane or queue, refused by the address policy, or held while the push service's circuit is open.");
        _storeRefused = meter.CreateCounter<long>("tigress.relay.store.refused", "{request}", "Writes of new content refused with 507, by reason: max_store_bytes, min_free_disk or full.");
        _pushDuration = meter.CreateHistogram(
            "tigress.relay.push.duration",
            "s",
            "Time one push delivery attempt took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void PushCompleted(string tokenType, PushStatus status, TimeSpan elapsed)
    {
        if (_pushes.Enabled || _pushDuration.Enabled)
        {
            var tags = new TagList
            {
                { "tigress.push.token_type", tokenType },
                { "tigress.outcome", PushOutcomeName(status) },
            };
            _pushes.Add(1, tags);
            _pushDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    public void PushRefused() => _pushQueue.Add(1, new KeyValuePair<string, object?>("tigress.outcome", "refused"));

    public void PushCollapsed() => _pushQueue.Add(1, new KeyValuePair<string, object?>("tigress.outcome", "collapsed"));

    public void PushCircuitOpen() => _pushQueue.Add(1, new KeyValuePair<string, object?>("tigress.outcome", "circuit_open"));

    public void PushDropped() => _pushQueue.Add(1, new KeyValuePair<string, object?>("tigress.outcome", "dropped"));

    internal static string PushOutcomeName(PushStatus status) => status switch
    {
        PushStatus.Delivered => "delivered",
        PushStatus.RetryLater => "retry",
        PushStatus.TokenGone => "gone",
        _ => "failed",
    };

    public void StoreRefused(string reason) => _storeRefused.Add(1, new KeyValuePair<string, object?>("tigress.reason", reason));

    public void StreamOpened() => _streams.Add(1);

    public void StreamClosed() => _streams.Add(-1);

    public void Created() => _created.Add(1);

    public void Claimed() => _claimed.Add(1);

    public void Relinquished() => _relinquished.Add(1);

    public void PinGuessFailed(bool locked) => _pinFailed.Add(1, new KeyValuePair<string, object?>("tigress.locked", locked));

    public void DropboxWritten() => _dropboxWritten.Add(1);

    public void DropboxDeleted() => _dropboxDeleted.Add(1);

    public void Ended(MailboxOutcome outcome, long count = 1)
    {
        if (_ended.Enabled && count > 0)
        {
            _ended.Add(count, new KeyValuePair<string, object?>("tigress.outcome", OutcomeName(outcome)));
        }
    }

    public void RequestCompleted(string operation, int statusCode, TimeSpan elapsed)
    {
        if (_requestDuration.Enabled)
        {
            var tags = new TagList
            {
                { "tigress.operation", operation },
                { "http.response.status_code", statusCode },
            };
            _requestDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    internal static string OutcomeName(MailboxOutcome outcome) => outcome switch
    {
        MailboxOutcome.DeletedByInitiator => "deleted_by_initiator",
        MailboxOutcome.DeletedByRecipient => "deleted_by_recipient",
        MailboxOutcome.ExpiredUnclaimed => "expired_unclaimed",
        MailboxOutcome.ExpiredClaimed => "expired_claimed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
