using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// Names of everything the store keeps in Redis. Every key and the channel of one mailbox share the hash tag
/// <c>{m:ID}</c>, so they live in one cluster slot and one script can change them together; the expiry index of that
/// slot is named with a tag chosen to land in the same slot.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>PREFIX{m:ID}</c>: hash, the mailbox, with its event log.</item>
/// <item><c>PREFIX{m:ID}:q</c>: hash, the idempotency records of the mailbox (field: claim hash and request id).</item>
/// <item><c>PREFIX{m:ID}:o</c>: list, the fields of those records oldest first, so the oldest beyond the cap can go.</item>
/// <item><c>PREFIX{m:ID}:c</c>: sharded pub/sub channel, a message on every change.</item>
/// <item><c>PREFIX{TAG}:x</c>: sorted set per slot, mailbox ids scored by expiry, for the sweep.</item>
/// <item>
/// <c>PREFIX{TAG}:t</c>: hash per slot, the notification tokens of the slot's mailboxes (field: id and side). Like the
/// expiry index it has no TTL, so the sweep still finds the tokens of a mailbox whose keys Redis has dropped.
/// </item>
/// <item><c>PREFIX{TAG}:h</c>: string, the health check's probe write on the primary serving that slot, for a minute.</item>
/// <item><c>PREFIX{r:CLAIM REQUEST}</c>: string, which mailbox a create request made (see <c>CreateAsync</c>).</item>
/// <item><c>PREFIX{d:LOCATION}</c>: hash, one dropbox location; <c>PREFIX{d:LOCATION}:c</c> its sharded channel.</item>
/// </list>
/// </remarks>
internal sealed class RedisKeys
{
    private readonly string _prefix;

    public RedisKeys(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("A key prefix must not contain '{' or '}': they would change the keys' hash tags.", nameof(prefix));
        }

        _prefix = prefix;
    }

    public RedisKey Mailbox(Guid id) => _prefix + Tag(id);

    public RedisKey Requests(Guid id) => _prefix + Tag(id) + ":q";

    public RedisKey RequestOrder(Guid id) => _prefix + Tag(id) + ":o";

    public RedisChannel Channel(Guid id) => RedisChannel.Sharded(ChannelName(id));

    public string ChannelName(Guid id) => _prefix + Tag(id) + ":c";

    public RedisKey ExpiryIndex(Guid id) => ExpiryIndexOfSlot(SlotOf(id));

    public RedisKey ExpiryIndexOfSlot(int slot) => _prefix + "{" + HashSlots.TagFor(slot) + "}:x";

    public RedisKey Tokens(Guid id) => TokensOfSlot(SlotOf(id));

    public RedisKey TokensOfSlot(int slot) => _prefix + "{" + HashSlots.TagFor(slot) + "}:t";

    /// <summary>The key the health check writes to reach the primary serving <paramref name="slot"/>.</summary>
    public RedisKey HealthOfSlot(int slot) => _prefix + "{" + HashSlots.TagFor(slot) + "}:h";

    public RedisKey CreateRecord(ClaimHash claim, Guid requestId) =>
        _prefix + "{r:" + Convert.ToHexStringLower(claim.Bytes) + requestId.ToString("N") + "}";

    /// <summary>The five keys every mailbox script declares: mailbox, records, its slot's expiry index and tokens, records' order.</summary>
    public RedisKey[] ScriptKeys(Guid id)
    {
        var slot = SlotOf(id);
        return [Mailbox(id), Requests(id), ExpiryIndexOfSlot(slot), TokensOfSlot(slot), RequestOrder(id)];
    }

    public RedisKey Dropbox(string location) => _prefix + DropboxTag(location);

    public RedisChannel DropboxChannel(string location) => RedisChannel.Sharded(DropboxChannelName(location));

    public string DropboxChannelName(string location) => _prefix + DropboxTag(location) + ":c";

    // The relay admits only base64url locations; anything else must not be able to pick its own hash tag.
    private static string DropboxTag(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("A dropbox location must not contain '{' or '}'.", nameof(location));
        }

        return "{d:" + location + "}";
    }

    private static int SlotOf(Guid id) => HashSlots.Of(TagContent(id));

    private static string TagContent(Guid id) => "m:" + id.ToString("N");

    private static string Tag(Guid id) => "{m:" + id.ToString("N") + "}";
}
