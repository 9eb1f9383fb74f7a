namespace Tigress.Cli.Commands;

/// <summary>The command line or its input is wrong; the message says what to change.</summary>
internal sealed class CliUsageException(string message) : Exception(message)
{
    /// <summary>An argument exception's own sentence, without the " (Parameter 'name')" that .NET appends: the person
    /// never named that parameter.</summary>
    public static string MessageOf(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = exception.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
