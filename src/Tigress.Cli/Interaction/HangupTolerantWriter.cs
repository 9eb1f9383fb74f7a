using System.Text;

namespace Tigress.Cli.Interaction;

/// <summary>
/// A console writer that drops what it cannot write. Once the terminal is closed (SIGHUP), every write to it fails
/// with an I/O error; the command must still cancel its share at the relay, so a message nobody can see any more
/// must not throw in the middle of that (nor from the progress display's background refresh).
/// </summary>
internal sealed class HangupTolerantWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // The base property allows null to mean the default; so does the inner writer.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));

    public override void WriteLine() => Try(inner.WriteLine);

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
            // The terminal is gone: nobody can read this any more.
        }
    }
}
