using System.Text;
using Tigress.Cli.Interaction;

namespace Tigress.Cli.Tests.Interaction;

public sealed class HangupTolerantWriterTests
{
    [Fact]
    public void Writes_ToATerminalThatIsGone_AreDroppedNotThrown()
    {
        using var writer = new HangupTolerantWriter(new ClosedTerminal());

        writer.Write('x');
        writer.Write("line");
        writer.WriteLine("the share is cancelled");
        writer.WriteLine();
        writer.Flush();

        Assert.Throws<IOException>(() => new ClosedTerminal().WriteLine("unprotected"));
    }

    [Fact]
    public void Writes_ToAWorkingWriter_PassThrough()
    {
        var inner = new StringWriter();
        using var writer = new HangupTolerantWriter(inner);

        writer.Write("a");
        writer.WriteLine("b");

        Assert.Equal("ab" + inner.NewLine, inner.ToString());
    }

    // What a write to a hung-up terminal does: EIO.
    private sealed class ClosedTerminal : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("Input/output error");

        public override void Write(string? value) => throw new IOException("Input/output error");

        public override void WriteLine(string? value) => throw new IOException("Input/output error");

        public override void WriteLine() => throw new IOException("Input/output error");

        public override void Flush() => throw new IOException("Input/output error");
    }
}
