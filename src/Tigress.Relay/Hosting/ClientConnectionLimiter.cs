using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.RateLimiting;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Connection middleware: closes a connection as soon as it is accepted when its client already holds its share of
/// the connection budget, so that one client can never take every connection and lock the others out. It works on
/// the connection, before any request (and before TLS), so the refused client gets no HTTP answer, only a close.
/// </summary>
internal sealed class ClientConnectionLimiter(ConnectionBudget budget, ILogger logger, TimeProvider time)
{
    private readonly KeyedSlots<string> _clients = new();
    private readonly LogThrottle _perClientWarning = new(time, TimeSpan.FromMinutes(1));
    private readonly LogThrottle _budgetWarning = new(time, TimeSpan.FromMinutes(1));
    private long _open;

    public ConnectionDelegate Use(ConnectionDelegate next) => connection => OnConnectionAsync(connection, next);

    private async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var key = ClientKey.Of((connection.RemoteEndPoint as IPEndPoint)?.Address);
        var perClient = budget.MaxConnectionsPerClient;
        if (perClient > 0 && !_clients.TryEnter(key, perClient))
        {
            RelayLog.ConnectionRefused(logger, perClient);
            if (_perClientWarning.TryEnter(out var held))
            {
                RelayLog.LimitReached(logger, "per-client connection (Relay:Connections:MaxConnectionsPerClient)", held);
            }

            connection.Abort(new ConnectionAbortedException("The client holds its maximum of connections."));
            return;
        }

        // Kestrel itself refuses connections beyond the budget, quietly: say so here, once a minute at most.
        if (Interlocked.Increment(ref _open) >= budget.MaxConnections && _budgetWarning.TryEnter(out var refused))
        {
            RelayLog.LimitReached(logger, "total connection (Relay:Connections:MaxConnections)", refused);
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            if (perClient > 0)
            {
                _clients.Exit(key);
            }
        }
    }
}
