using Tigress.Client.Transfers;
using Tigress.Protocol.Pake;

namespace Tigress.Cli.Commands;

/// <summary>
/// What <c>share</c>'s PIN options ask for: the PIN's length, the mode (<c>--pin-spake2</c>, or the relay-assisted PIN
/// wherever the relay offers it) and the guesses the relay allows. Checked before anything is read or sent.
/// </summary>
internal sealed record PinSettings(int Digits, PinMode Mode, int? Guesses)
{
    /// <summary>The settings the options ask for, or null for a share without a PIN.</summary>
    /// <exception cref="CliUsageException">The options contradict each other, or break the one-in-a-million rule.</exception>
    public static PinSettings? From(bool pin, bool spake2, int? guesses, int? length, bool dropbox)
    {
        if (!pin && !spake2 && guesses is null && length is null)
        {
            return null;
        }

        var digits = length ?? Pin.DefaultLength;
        if (digits is < Pin.MinimumLength or > Pin.MaximumLength)
        {
            throw new CliUsageException($"--pin-length must be {Pin.MinimumLength} to {Pin.MaximumLength}: a shorter PIN is too easy to guess.");
        }

        if (guesses is null)
        {
            // The relay-assisted default, fewer where the PIN is too short for it; a SPAKE2 share ignores it.
            return new PinSettings(digits, spake2 ? PinMode.Spake2 : PinMode.Automatic, spake2 || dropbox ? null : Math.Min(RelayPin.DefaultGuesses, MostGuesses(digits)));
        }

        if (spake2)
        {
            throw new CliUsageException("--pin-guesses applies to the relay-assisted PIN; the SPAKE2 PIN (--pin-spake2) allows one guess.");
        }

        if (dropbox)
        {
            throw new CliUsageException("--pin-guesses applies to the relay-assisted PIN, which only a mailbox relay offers; a dropbox PIN share allows one guess.");
        }

        if (guesses is < 1 or > RelayPin.MaxGuesses)
        {
            throw new CliUsageException($"--pin-guesses must be 1 to {RelayPin.MaxGuesses}.");
        }

        if (!RelayPin.IsAllowed(digits, guesses.Value))
        {
            var most = MostGuesses(digits);
            throw new CliUsageException(
                $"--pin-guesses {guesses} with a {digits}-digit PIN gives a guesser more than a one-in-a-million chance: allow at most {most} {(most == 1 ? "guess" : "guesses")} with {digits} digits, or a longer --pin-length.");
        }

        // Asked for a number of guesses only the relay can count: a relay that does not count them refuses the share.
        return new PinSettings(digits, PinMode.RelayAssisted, guesses);
    }

    /// <summary>A new PIN of <see cref="Digits"/> digits from a CSPRNG.</summary>
    public string NewPin() => Pin.Generate(Digits);

    /// <summary>The most guesses the one-in-a-million rule allows a PIN of <paramref name="digits"/> digits (at least 1:
    /// every allowed length takes one).</summary>
    public static int MostGuesses(int digits)
    {
        var most = 1;
        while (most < RelayPin.MaxGuesses && RelayPin.IsAllowed(digits, most + 1))
        {
            most++;
        }

        return most;
    }
}
