using System.Text;
using System.Text.Unicode;
using Tigress.Client.Verticals;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Cli.Commands;

/// <summary>
/// What <c>receive</c> needs to save a share under the file name its sender gave: the name, read from the
/// authorization-token message as it arrives, and the checks that keep a name chosen by the other side from
/// reaching outside the current folder, hiding, or replacing anything.
/// </summary>
internal static class ReceivedFile
{
    // More than any common file system takes in one name.
    private const int MaxNameBytes = 255;

    // Characters Windows refuses in a name (and '/' everywhere); a name that works on one system only is refused on all.
    private static readonly char[] s_reserved = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    // Windows device names, which stay devices with any extension.
    private static readonly string[] s_devices =
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(0, 10).Select(i => $"COM{i}"), .. Enumerable.Range(0, 10).Select(i => $"LPT{i}")];

    /// <summary>
    /// Why <paramref name="name"/> cannot be a file in the current folder (a phrase to follow "the sender named the
    /// file ..."), or null when it can: a plain name, with no folder, not hidden, no control character, not reserved.
    /// </summary>
    public static string? Problem(string name)
    {
        if (name.Trim().Length == 0)
        {
            return "which is empty";
        }

        if (name.IndexOfAny(s_reserved) >= 0)
        {
            return "which holds a path separator or a character some systems reserve";
        }

        if (name is "." or "..")
        {
            return "which names a folder";
        }

        if (!DisplayText.IsSafe(name))
        {
            return "which holds invisible or control characters";
        }

        if (name[0] == '.')
        {
            return "which would be a hidden file";
        }

        if (name[0] == '-')
        {
            // "tigress receive LINK && rm *" would hand it to rm as an option.
            return "which starts with '-' and would read as an option to other commands";
        }

        if (name[^1] is '.' or ' ' || s_devices.Contains(name.Split('.')[0].TrimEnd(), StringComparer.OrdinalIgnoreCase))
        {
            return "which is a name some systems reserve";
        }

        return Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? $"which is longer than {MaxNameBytes} bytes" : null;
    }

    /// <summary>A name from the other side made safe to print on one line (<see cref="DisplayText.ToLine"/>), at most 80
    /// characters.</summary>
    public static string Printable(string name) => DisplayText.ToLine(name, 80)!;

    /// <summary>
    /// True when <paramref name="content"/> is text a terminal shows as it is: valid UTF-8 with no control characters
    /// but tab, line feed, and carriage return right before a line feed. An escape sequence could rewrite the screen or
    /// the terminal's settings, and a carriage return alone sends the cursor back over what was printed, so that
    /// <c>real-secret\rFAKE</c> shows as <c>FAKE</c>.
    /// </summary>
    public static bool IsPrintableText(ReadOnlySpan<byte> content)
    {
        if (!Utf8.IsValid(content))
        {
            return false;
        }

        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\r' && (i + 1 == content.Length || content[i + 1] != (byte)'\n'))
            {
                return false;
            }
        }

        foreach (var rune in Encoding.UTF8.GetString(content).EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The generic vertical, noting the file name its message carries: a <c>receive</c> process runs one transfer,
    /// so the name is kept here for the command to read once the transfer completes.
    /// </summary>
    public sealed class NameRecorder(ICredentialVertical inner) : ICredentialVertical
    {
        /// <summary>The name the sender gave, unchecked, or null.</summary>
        public string? FileName { get; private set; }

        public string Format => inner.Format;

        public ShareVertical ShareVertical => inner.ShareVertical;

        public ValueTask<VerticalStep> BeginAsync(VerticalContext context, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            inner.BeginAsync(context, content, cancellationToken);

        public ValueTask<VerticalStep> HandleAsync(VerticalContext context, ProvisioningInformation message, CancellationToken cancellationToken)
        {
            FileName = AuthorizationTokenVertical.ReadFileName(message);
            return inner.HandleAsync(context, message, cancellationToken);
        }
    }
}
