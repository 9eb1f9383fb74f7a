using System.Globalization;
using Tigress.Protocol.Mailbox;

namespace Tigress.Cli.Commands;

/// <summary>The PIN of a share as <c>share</c> announces it: the PIN, and the protection the share got from the relay.</summary>
internal sealed record PinAnnouncement(string Pin, PinProtection Protection, PinSettings Settings, bool Dropbox)
{
    /// <summary>The protection's name in <c>--json</c> output: <c>relay-assisted</c> or <c>spake2</c>.</summary>
    public string ProtectionName => Protection == PinProtection.RelayAssisted ? "relay-assisted" : "spake2";

    /// <summary>The wrong PINs the share survives before it ends: the relay's count, or the single SPAKE2 guess.</summary>
    public int Guesses => Protection == PinProtection.RelayAssisted ? Settings.Guesses ?? 1 : 1;

    /// <summary>The share is left running (<c>share --detach</c>): this command exits once the link is printed.</summary>
    public bool Detached { get; init; }

    /// <summary>One line that says which protection the share got and what it means for the sender.</summary>
    public string Describe()
    {
        if (Detached)
        {
            return DescribeDetached();
        }

        if (Protection == PinProtection.RelayAssisted)
        {
            var guesses = Guesses == 1 ? "the first wrong PIN" : string.Create(CultureInfo.InvariantCulture, $"{Guesses} wrong PINs");
            return $"PIN protection: relay-assisted. The relay counts the guesses and locks the share after {guesses}, so the recipient can receive "
                + "even after this command has exited without cancelling (this computer asleep, offline or switched off); Ctrl-C cancels the share.";
        }

        var why = Settings.Mode == Client.Transfers.PinMode.Spake2 ? "as asked"
            : Dropbox ? "a dropbox share always uses it"
            : "this relay does not count PIN guesses";
        return $"PIN protection: SPAKE2 ({why}). This computer checks the recipient's one guess: keep this command running until the recipient "
            + "has the credential; the first wrong PIN ends the share.";
    }

    /// <summary>The line for a share left running: who checks the PIN while this computer is away.</summary>
    private string DescribeDetached()
    {
        if (Protection == PinProtection.RelayAssisted)
        {
            var guesses = Guesses == 1 ? "the first wrong PIN" : string.Create(CultureInfo.InvariantCulture, $"{Guesses} wrong PINs");
            return $"PIN protection: relay-assisted. The relay counts the guesses and locks the share after {guesses}, so the recipient can receive "
                + "while this computer is away; tigress status reports every wrong PIN.";
        }

        var why = Settings.Mode == Client.Transfers.PinMode.Spake2 ? "as asked"
            : Dropbox ? "a dropbox share always uses it"
            : "this relay does not count PIN guesses";
        return $"PIN protection: SPAKE2 ({why}). This computer checks the recipient's one guess, so the recipient cannot get past the PIN step "
            + "until you come back and run tigress status (or tigress share --resume); the first wrong PIN ends the share.";
    }
}
