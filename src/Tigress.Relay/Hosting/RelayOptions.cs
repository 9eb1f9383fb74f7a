using Tigress.Relay.AppLinks;
using Tigress.Relay.Events;
using Tigress.Relay.Notifications;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Settings of the relay, bound from the <c>Relay</c> configuration section (<c>appsettings.json</c>,
/// <c>TIGRESS__RELAY__...</c> environment variables, <c>tigress relay</c> flags) and validated at start.
/// </summary>
public sealed class RelayOptions
{
    /// <summary>
    /// The service key of the relay's clock, a keyed <see cref="TimeProvider"/>: everything that expires reads it, and a
    /// host or test can replace it without changing the clock of the web server itself.
    /// </summary>
    public const string ClockServiceKey = "Tigress.Relay.Clock";

    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Relay";

    /// <summary>The default of <see cref="MaxPinGuesses"/>.</summary>
    internal const int DefaultMaxPinGuesses = 10;

    /// <summary>
    /// The largest <see cref="MaxPinGuesses"/> a relay accepts: the protocol's maximum (docs/protocol.md section 12.6),
    /// which this project's clients never exceed; an operator may only lower it.
    /// </summary>
    internal const int HighestMaxPinGuesses = 10;

    /// <summary>The public base URL clients reach the relay at; <c>urlLink</c> is this plus <c>/v1/m/{id}</c> (docs/protocol.md section 7.10).</summary>
    /// <remarks>Default: the first address the relay listens on.</remarks>
    public string? PublicUrl { get; set; }

    /// <summary>The folder holding the SQLite database.</summary>
    /// <remarks>Default: <c>tigress</c> under the user's local application data folder (<c>~/.local/share/tigress</c> on Linux).</remarks>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>
    /// What an acknowledged write of the embedded SQLite store survives: <c>process</c>, the relay process being killed
    /// (a write is answered once it is in the write-ahead log); or <c>power</c>, a power loss or kernel crash as well
    /// (each group commit syncs the log to the disk first, at the cost of one flush per commit). See docs/relay.md.
    /// </summary>
    /// <remarks>Default: <c>process</c>.</remarks>
    public string Durability { get; set; } = RelayDurabilityNames.Process;

    /// <summary>
    /// The most bytes the embedded store's database pages in use may take before new content is refused with
    /// <c>507</c>: creates, messages and dropbox writes. Reads, deletes and relinquishes go on, and room returns as
    /// shares end (their pages are reused). The write-ahead log, at most about 32 MiB more, is not counted.
    /// </summary>
    /// <remarks>Default: none (the disk's free space, <see cref="MinFreeDiskBytes"/>, is the only bound). At least 1 MiB.</remarks>
    public long? MaxStoreBytes { get; set; }

    /// <summary>
    /// The free space the data folder's disk keeps: below it, new content is refused with <c>507</c>, so that deletes,
    /// claims and the expiry sweep, which need a little room to commit, keep working on a disk that is filling up.
    /// </summary>
    /// <remarks>Default: 67,108,864 (64 MiB, twice what the write-ahead log may take between checkpoints). 0 turns the floor off.</remarks>
    public long MinFreeDiskBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The longest a mailbox may live; a later requested expiry is capped to this, and a mailbox created without one gets it.</summary>
    /// <remarks>Default: 48 hours.</remarks>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The largest decoded payload (<c>IV || ciphertext || tag</c>) in bytes.</summary>
    /// <remarks>Default: 65,536 (64 KiB).</remarks>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many payload bytes (decoded) one mailbox accepts over its whole life, its first message included; a write
    /// past it is refused with <c>413</c>. With the caps on a mailbox's request records and events, this bounds what one
    /// mailbox can cost the store, however long it is kept busy.
    /// </summary>
    /// <remarks>Default: 16,777,216 (16 MiB, 256 messages of the largest size). At least <see cref="MaxPayloadBytes"/>.</remarks>
    public long MaxPayloadBytesPerMailbox { get; set; } = 16L * 1024 * 1024;

    /// <summary>The largest request body in bytes.</summary>
    /// <remarks>Default: 131,072 (128 KiB).</remarks>
    public int MaxRequestBodyBytes { get; set; } = 128 * 1024;

    /// <summary>The longest display string (title, description, image URL) in characters.</summary>
    /// <remarks>Default: 256.</remarks>
    public int MaxDisplayLength { get; set; } = 256;

    /// <summary>The largest notification token, as JSON, in bytes.</summary>
    /// <remarks>Default: 4,096.</remarks>
    public int MaxNotificationTokenBytes { get; set; } = 4096;

    /// <summary>The longest a read may wait with <c>Prefer: wait=N</c> (docs/protocol.md section 7.6); longer requests are shortened to this.</summary>
    /// <remarks>Default: 60 seconds.</remarks>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most guesses a share protected by a relay-assisted PIN may allow (<c>pinProtection.guesses</c>,
    /// docs/protocol.md section 12.6); published as <c>maxPinGuesses</c>. Each guess allowed is one more chance for
    /// whoever holds the link.
    /// </summary>
    /// <remarks>Default: 10, the most allowed. From 1 to 10.</remarks>
    public int MaxPinGuesses { get; set; } = DefaultMaxPinGuesses;

    /// <summary>How often expired mailboxes are removed; expiry itself is exact whatever this is.</summary>
    /// <remarks>Default: 1 minute.</remarks>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether plain HTTP may be served on an address other than loopback (behind a TLS-terminating proxy).</summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool AllowHttp { get; set; }

    /// <summary>A PKCS#12 (<c>.pfx</c>) or PEM certificate file for HTTPS.</summary>
    /// <remarks>Default: none.</remarks>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    /// <remarks>Default: none.</remarks>
    public string? CertificatePassword { get; set; }

    /// <summary>Whether the relay serves the HTTP dropbox binding at <c>/d/{location}</c>.</summary>
    /// <remarks>Default: <see langword="true"/>.</remarks>
    public bool Dropbox { get; set; } = true;

    /// <summary>
    /// Whether each dropbox location admits only the first two clients that touch it, by cookie, so that someone who
    /// learns the invitation late can neither read nor delete.
    /// </summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool DropboxLock { get; set; }

    /// <summary>Per-client rate limits on creating, claiming and writing mailboxes.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Caps on open connections, long polls and event streams, in all and per client (<c>Relay:Connections</c>).</summary>
    public ConnectionLimitOptions Connections { get; set; } = new();

    /// <summary>The Server-Sent Events stream of each mailbox (<c>Relay:Events</c>).</summary>
    public EventStreamOptions Events { get; set; } = new();

    /// <summary>Push notifications: Web Push with VAPID, and any registered providers (<c>Relay:Push</c>).</summary>
    public PushOptions Push { get; set; } = new();

    /// <summary>App-link files served under <c>/.well-known/</c> so share links open a wallet app (<c>Relay:AppLinks</c>).</summary>
    /// <remarks>Default: none served.</remarks>
    public AppLinksOptions AppLinks { get; set; } = new();

    /// <summary>
    /// Origins (<c>https://app.example</c>) of browser apps on other sites allowed to call the mailbox API
    /// (<c>/v1</c>) with CORS. Each is a scheme, host and optional port, nothing else; no wildcard.
    /// </summary>
    /// <remarks>Default: empty, so CORS is off and only the relay's own pages can call the API from a browser.</remarks>
    public IList<string> CorsOrigins { get; set; } = [];

    /// <summary>Whether the relay serves its browser pages: the share page at <c>/</c> and the receive script on the preview page.</summary>
    /// <remarks>Default: <see langword="true"/>.</remarks>
    public bool BrowserPages { get; set; } = true;

    private static string DefaultDataDirectory()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(root) ? Path.GetFullPath("tigress-data") : Path.Combine(root, "tigress");
    }
}
