namespace Tigress.Cli.Interaction;

/// <summary>The live progress of one command: a status line that changes, and lines logged above it.</summary>
internal interface IProgressDisplay
{
    /// <summary>Replaces the status line.</summary>
    void SetStatus(string status);

    /// <summary>Logs a finished step above the status line.</summary>
    void Log(string line);

    /// <summary>Logs something that went wrong but did not end the command (a wrong PIN tried) above the status line.</summary>
    void Warn(string line);
}
