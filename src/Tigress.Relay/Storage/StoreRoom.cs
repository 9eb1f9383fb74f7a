using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage.Sqlite;

namespace Tigress.Relay.Storage;

/// <summary>Why new content is refused, if it is.</summary>
internal enum StoreShortage
{
    None,

    /// <summary>The embedded store's files hold <see cref="RelayOptions.MaxStoreBytes"/> or more.</summary>
    MaxStoreBytes,

    /// <summary>The data folder's disk has less than <see cref="RelayOptions.MinFreeDiskBytes"/> free.</summary>
    MinFreeDisk,

    /// <summary>The store itself said it is full: <c>SQLITE_FULL</c>, or a Redis at <c>maxmemory</c>.</summary>
    Full,
}

/// <summary>
/// Whether the store has room for new content (creates, messages, dropbox writes), checked before each such write
/// against <see cref="RelayOptions.MaxStoreBytes"/> and <see cref="RelayOptions.MinFreeDiskBytes"/>, and the one place
/// that answers a refusal: <c>507</c>, <c>Retry-After</c>, a metric, and a warning at most once a minute. Reads,
/// deletes, relinquishes and the expiry sweep are never checked: they need no room, and they free it.
/// </summary>
/// <remarks>
/// The caps apply to the embedded SQLite store, whose pages and disk the relay can measure (a read of two pragmas
/// and one <c>statvfs</c>, microseconds, so each write is checked against the store and disk as they are now). A Redis store is
/// bounded by its own <c>maxmemory</c>; its refusal (<c>OOM</c>) reaches here as <see cref="StoreFullException"/>.
/// </remarks>
internal sealed class StoreRoom
{
    private readonly RelayOptions _options;
    private readonly IServiceProvider _services;
    private readonly RelayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogThrottle _warning;
    private readonly Lazy<SqliteDatabase?> _database;
    private DriveInfo? _dataDisk;

    public StoreRoom(IOptions<RelayOptions> options, IServiceProvider services, RelayMetrics metrics, ILogger<StoreRoom> logger, IMeterFactory meterFactory)
    {
        _options = options.Value;
        _services = services;
        _metrics = metrics;
        _logger = logger;
        _warning = new LogThrottle(TimeProvider.System, TimeSpan.FromMinutes(1));
        _database = new Lazy<SqliteDatabase?>(() => _services.GetService<SqliteDatabase>());

        // The same meter as RelayMetrics' (the factory hands out one per name): an operator sees room before it runs out.
        var meter = meterFactory.Create(RelayMetrics.MeterName);
        meter.CreateObservableGauge("tigress.relay.store.accepting", () => Check() == StoreShortage.None ? 1 : 0, "{boolean}", "1 while the store takes new content, 0 while it is refused with 507 (Relay:MaxStoreBytes, Relay:MinFreeDiskBytes).");
        meter.CreateObservableGauge("tigress.relay.store.size", () => StoreBytes() ?? 0, "By", "Bytes the embedded store's database pages in use take (what Relay:MaxStoreBytes counts).");
        meter.CreateObservableGauge("tigress.relay.store.disk_free", () => FreeDiskBytes() ?? 0, "By", "Free bytes on the data folder's disk, for the relay's user.");
    }

    /// <summary>Whether new content may be written now, and if not, why.</summary>
    public StoreShortage Check()
    {
        if (_options.MaxStoreBytes is { } cap && StoreBytes() >= cap)
        {
            return StoreShortage.MaxStoreBytes;
        }

        // At zero free bytes nothing fits, whatever the floor.
        return FreeDiskBytes() is { } free && (free < _options.MinFreeDiskBytes || free == 0) ? StoreShortage.MinFreeDisk : StoreShortage.None;
    }

    /// <summary>
    /// Readiness: <see langword="null"/> while new content is taken, else why not, for <c>/readyz</c>. Besides
    /// <see cref="Check"/>, asks the database whether it can still grow by a largest request (it may not, short of
    /// the disk: <c>max_page_count</c>).
    /// </summary>
    public async Task<string?> NotReadyReasonAsync(CancellationToken cancellationToken)
    {
        var shortage = Check();
        if (shortage == StoreShortage.None && _database.Value is { } database)
        {
            try
            {
                var room = await database.GrowthRoomBytesAsync(cancellationToken).ConfigureAwait(false);
                shortage = room < _options.MaxRequestBodyBytes * 2L ? StoreShortage.Full : StoreShortage.None;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or StoreFullException or ObjectDisposedException)
            {
                shortage = StoreShortage.Full;
            }
        }

        return shortage == StoreShortage.None ? null : Describe(shortage);
    }

    /// <summary>Answers a write refused for <paramref name="shortage"/>: <c>507 insufficient-storage</c> with <c>Retry-After</c>.</summary>
    public Task RefuseAsync(HttpContext context, StoreShortage shortage)
    {
        _metrics.StoreRefused(ShortageName(shortage));
        if (_warning.TryEnter(out var held))
        {
            RelayLog.StoreRoomRefused(_logger, Describe(shortage), held);
        }

        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return ProblemWriter.WriteAsync(context, Problem.InsufficientStorage(
            "The relay has no room for new content now; reads, deletes and relinquishes still work. Retry after the number of seconds in Retry-After."));
    }

    /// <summary>How long a client is asked to wait: room returns as shares are deleted, read or expire.</summary>
    public const string RetryAfterSeconds = "30";

    /// <summary>
    /// Bytes the embedded store's pages in use take (free pages, which SQLite reuses, not counted, so deletes make room
    /// though the file never shrinks), or <see langword="null"/> for a store that is not embedded.
    /// </summary>
    public long? StoreBytes()
    {
        try
        {
            return _database.Value?.UsedBytes();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>Free bytes on the data folder's disk for this user, or <see langword="null"/> for a store that is not embedded.</summary>
    public long? FreeDiskBytes()
    {
        if (_database.Value is not { Path: { Length: > 0 } path } || path == ":memory:")
        {
            return null;
        }

        try
        {
            // Each read of AvailableFreeSpace is a fresh statvfs of the folder.
            _dataDisk ??= new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return _dataDisk.AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    internal static string ShortageName(StoreShortage shortage) => shortage switch
    {
        StoreShortage.MaxStoreBytes => "max_store_bytes",
        StoreShortage.MinFreeDisk => "min_free_disk",
        StoreShortage.Full => "full",
        _ => throw new ArgumentOutOfRangeException(nameof(shortage)),
    };

    // Says which setting is reached, without the sizes themselves: /readyz is public, and the store's size says how
    // much it holds. Operators read the sizes from the metrics.
    private static string Describe(StoreShortage shortage) => shortage switch
    {
        StoreShortage.MaxStoreBytes => "the store has reached Relay:MaxStoreBytes; new shares are refused (507) until shares end.",
        StoreShortage.MinFreeDisk => "the data folder's disk has less free space than Relay:MinFreeDiskBytes; new shares are refused (507) until there is room.",
        StoreShortage.Full => "the store is full (the database may not grow, or the disk or Redis is full); new shares are refused (507) until there is room.",
        _ => throw new ArgumentOutOfRangeException(nameof(shortage)),
    };

}
