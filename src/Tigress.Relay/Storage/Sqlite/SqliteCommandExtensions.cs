using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>Binds a prepared command to the running transaction.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Use(this SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        return command;
    }
}
