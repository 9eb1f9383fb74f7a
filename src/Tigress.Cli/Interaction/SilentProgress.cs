namespace Tigress.Cli.Interaction;

/// <summary>Progress that shows nothing, for output that is not a terminal.</summary>
internal sealed class SilentProgress : IProgressDisplay
{
    public static SilentProgress Instance { get; } = new();

    public void SetStatus(string status)
    {
    }

    public void Log(string line)
    {
    }

    public void Warn(string line)
    {
    }
}
