namespace Tigress.Cli.Commands;

/// <summary>The command line or its input is wrong; the message says what to change.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
