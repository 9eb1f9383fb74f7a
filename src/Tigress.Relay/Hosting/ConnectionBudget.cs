using System.Globalization;

namespace Tigress.Relay.Hosting;

/// <summary>
/// How many connections the relay may hold at once without running out of file descriptors. Every connection is a
/// descriptor, and so is much else the relay needs to keep working: the store's files, outgoing push connections, and
/// each thread the runtime starts. When accepted connections had taken the last descriptor, the thread pool could not
/// start a thread and the runtime aborted with "Out of memory."; the budget keeps <see cref="ConnectionLimitOptions.ReservedDescriptors"/>
/// out of the connections' reach so that cannot happen.
/// </summary>
internal readonly record struct ConnectionBudget(long MaxConnections, int MaxConnectionsPerClient, long? OpenFileLimit, int OpenAtStart, bool Lowered, long MaxWaitingRequests)
{
    /// <summary>Where the open-file limit cannot be read (not Linux), and none is configured.</summary>
    public const long FallbackMaxConnections = 10_000;

    public static ConnectionBudget Compute(ConnectionLimitOptions options, long? openFileLimit, int openAtStart)
    {
        long max;
        var lowered = false;
        if (openFileLimit is { } limit)
        {
            var available = Math.Max(1, limit - openAtStart - options.ReservedDescriptors);
            max = options.MaxConnections is { } configured ? Math.Min(configured, available) : available;
            lowered = options.MaxConnections is { } asked && asked > available;
        }
        else
        {
            max = options.MaxConnections ?? FallbackMaxConnections;
        }

        // One client must never hold the whole budget, or nobody else could get in.
        var perClient = options.MaxConnectionsPerClient;
        if (perClient > 0)
        {
            perClient = (int)Math.Max(1, Math.Min(perClient, max / 2));
        }

        // Long polls and event streams never take the whole budget: short requests always find a connection.
        var waiting = options.MaxWaitingRequests is { } configuredWaiting
            ? Math.Clamp(configuredWaiting, 1, Math.Max(1, max - 1))
            : Math.Max(1, max / 2);

        return new ConnectionBudget(max, perClient, openFileLimit, openAtStart, lowered, waiting);
    }

    /// <summary>The soft open-file limit of this process (<c>ulimit -n</c>, RLIMIT_NOFILE); null when unknown or unlimited.</summary>
    public static long? ReadOpenFileLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                // "Max open files            1024                 524288               files"
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>Descriptors this process has open now; 0 when that cannot be read.</summary>
    public static int CountOpenDescriptors()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
