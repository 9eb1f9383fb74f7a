using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

internal sealed partial class RedisMailboxStore
{
    /// <summary>
    /// Removes the mailboxes that the per-slot expiry indexes list as expired by <paramref name="now"/>, and reports
    /// them. Redis would drop their keys by itself <see cref="KeyGrace"/> later; the sweep removes them on the relay's
    /// clock, wakes their waiters on every node, and counts claimed and unclaimed ones exactly (the index entry
    /// remembers whether a recipient was bound, even once the keys are gone). It also reports their notification
    /// tokens for the expiry wake-ups: they live in the slot's token hash, which, like the index, has no TTL, so they
    /// are found whenever the sweep runs.
    /// </summary>
    /// <remarks>
    /// One pass reads all 16,384 slot indexes (pipelined, one cheap command each) and runs one small script per
    /// expired mailbox. Several relay nodes may sweep at once: each mailbox is removed, and counted, by exactly one.
    /// </remarks>
    public async Task<SweepResult> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int BatchSize = 500;
        const int SlotsPerRound = 1024;
        var limit = now.ToUnixTimeMilliseconds();
        var expired = new List<Guid>();
        var tokens = new List<MailboxTokens>();
        var claimed = 0;
        var slots = new Queue<int>(Enumerable.Range(0, HashSlots.Count));
        while (slots.Count > 0)
        {
            var round = new int[Math.Min(SlotsPerRound, slots.Count)];
            for (var i = 0; i < round.Length; i++)
            {
                round[i] = slots.Dequeue();
            }

            var listed = await _connection.GuardAsync(Task.WhenAll(round.Select(slot =>
                _database.SortedSetRangeByScoreAsync(_keys.ExpiryIndexOfSlot(slot), double.NegativeInfinity, limit, Exclude.None, Order.Ascending, 0, BatchSize))), cancellationToken).ConfigureAwait(false);

            var candidates = new List<(int Slot, Guid Id)>();
            for (var i = 0; i < round.Length; i++)
            {
                foreach (var member in listed[i])
                {
                    var bytes = (byte[])member!;
                    if (bytes.Length == 17)
                    {
                        candidates.Add((round[i], new Guid(bytes.AsSpan(0, 16))));
                    }
                }
            }

            var outcomes = await Task.WhenAll(candidates.Select(candidate =>
                EvaluateAsync(RedisScripts.Sweep, candidate.Id, now, cancellationToken, []))).ConfigureAwait(false);

            var progressed = new HashSet<int>();
            for (var i = 0; i < candidates.Count; i++)
            {
                var outcome = (int)outcomes[i].Values[0];
                if (outcome < 0)
                {
                    continue; // Another node swept it first, or its expiry moved.
                }

                expired.Add(candidates[i].Id);
                claimed += outcome;
                progressed.Add(candidates[i].Slot);
                var (initiatorToken, recipientToken) = ((byte[]?)outcomes[i].Values[1], (byte[]?)outcomes[i].Values[2]);
                if (initiatorToken is not null || recipientToken is not null)
                {
                    tokens.Add(new MailboxTokens(candidates[i].Id, initiatorToken, recipientToken));
                }
            }

            // A full batch means the slot may hold more; look again, as long as the last look removed something.
            for (var i = 0; i < round.Length; i++)
            {
                if (listed[i].Length == BatchSize && progressed.Contains(round[i]))
                {
                    slots.Enqueue(round[i]);
                }
            }
        }

        foreach (var id in expired)
        {
            _signals.Publish(id);
        }

        return new SweepResult(expired, claimed) { NotificationTokens = tokens };
    }
}
