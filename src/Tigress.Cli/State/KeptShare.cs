using System.Text.Json;
using Tigress.Cli.Configuration;
using Tigress.Client;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;

namespace Tigress.Cli.State;

/// <summary>
/// The saved state of the share a <c>tigress share</c> makes: written once the link exists (before it is printed),
/// kept up to date while the share runs, removed when it ends or is cancelled, and left in place when the command
/// leaves it running (<c>--detach</c>) or is stopped without ending it, so that <c>tigress status</c>,
/// <c>tigress cancel</c> and <c>share --resume</c> can pick it up. For a share in the foreground the state is a
/// safety net: when it cannot be saved, the share goes on and a warning says so; for <c>--detach</c> it is the point,
/// and a failure stops the command before anything is shared (or cancels the share).
/// </summary>
internal sealed class KeptShare : IDisposable
{
    private readonly ShareStateStore _store;
    private readonly Action<string> _warn;
    private readonly bool _detach;
    private SavedShare? _saved;
    private bool _off;

    private KeptShare(ShareStateStore store, bool detach, Action<string> warn, bool off)
    {
        _store = store;
        _detach = detach;
        _warn = warn;
        _off = off;
    }

    /// <summary>The share's id, once saved.</summary>
    public string? Id => _saved?.Id;

    /// <summary>When the share expires, once saved (null when the relay did not say).</summary>
    public DateTimeOffset? ExpiresAt => _saved?.Record.ExpiresAt;

    /// <summary>The state file, once saved.</summary>
    public string? FilePath => _saved?.FilePath;

    /// <summary>Readies the folder. For a detached share a folder that cannot be used fails the command at once.</summary>
    /// <exception cref="ShareStateException">With <paramref name="detach"/>: the folder cannot be used.</exception>
    public static KeptShare Prepare(CliEnvironment environment, bool detach, Action<string> warn)
    {
        var store = ShareStateStore.For(environment);
        try
        {
            store.Prepare(warn);
            return new KeptShare(store, detach, warn, off: false);
        }
        catch (ShareStateException exception) when (!detach)
        {
            warn(Unsaved(exception));
            return new KeptShare(store, detach, warn, off: true);
        }
    }

    /// <summary>For <see cref="TransferSessionOptions.StateChanged"/>: saves each new state once the share is saved.</summary>
    public ValueTask OnStateChangedAsync(TransferState state, CancellationToken cancellationToken)
    {
        if (_saved is { } saved)
        {
            try
            {
                return saved.SaveAsync(state, cancellationToken);
            }
            catch (ShareStateException exception)
            {
                // A full disk must not end a share that runs: it goes on unsaved, as before.
                StopSaving(exception);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>For <see cref="TransferSessionOptions.EventOccurred"/>: keeps the opening and the guesses left.</summary>
    public void OnEvent(TransferEvent transferEvent)
    {
        try
        {
            _saved?.Note(transferEvent);
        }
        catch (ShareStateException exception)
        {
            StopSaving(exception);
        }
    }

    /// <summary>Saves the share, once its link exists and before it is printed.</summary>
    /// <exception cref="ShareStateException">With <c>--detach</c>: it could not be saved.</exception>
    public async Task BeginAsync(
        TigressClient client, TransferSession session, string link, ShareRequest request, int? guesses, CancellationToken cancellationToken)
    {
        if (_off)
        {
            return;
        }

        using var parsed = TigressLink.Parse(link);
        var now = DateTimeOffset.UtcNow;
        using var transfer = JsonDocument.Parse(session.GetState().ToJson());
        var record = new ShareStateFile
        {
            Kind = ShareStateFile.FileKind,
            Version = ShareStateFile.CurrentVersion,
            Id = ShareStateStore.IdOf(parsed),
            SharedAt = now,
            // A foreground share asks the relay nothing more; status works the expiry out when it is left behind.
            ExpiresAt = _detach
                ? await ShareExpiry.EstimateAsync(client, request.RelayUri, request.Binding, now, request.Expiration, cancellationToken).ConfigureAwait(false)
                : request.Expiration,
            Relay = request.RelayUri.AbsoluteUri,
            Title = request.DisplayInformation.Title,
            Pin = session.PinProtection switch
            {
                PinProtection.RelayAssisted => "relay-assisted",
                PinProtection.Spake2 => "spake2",
                _ => null,
            },
            Guesses = session.PinProtection == PinProtection.RelayAssisted ? guesses : null,
            GuessesLeft = session.PinProtection == PinProtection.RelayAssisted ? guesses : null,
            Process = _detach ? null : Environment.ProcessId,
            Transfer = transfer.RootElement.Clone(),
        };
        try
        {
            _saved = await SavedShare.CreateAsync(_store, record, cancellationToken).ConfigureAwait(false);
        }
        catch (ShareStateException exception) when (!_detach)
        {
            StopSaving(exception);
        }
    }

    /// <summary>Ends the saving: removes the state of a share that has ended (or was cancelled); keeps the state of
    /// one still live, for <c>status</c>, <c>cancel</c> and <c>share --resume</c>.</summary>
    public void Close(TransferStatus status)
    {
        if (_saved is not { } saved)
        {
            return;
        }

        if (status != TransferStatus.Active)
        {
            saved.Remove();
        }
        else if (saved.Record.Process is not null)
        {
            // Still live, and this process lets go of it.
            saved.Record.Process = null;
            try
            {
                saved.Save();
            }
            catch (ShareStateException exception)
            {
                _warn(exception.Message);
            }
        }

        saved.Dispose();
        _saved = null;
    }

    public void Dispose() => _saved?.Dispose();

    private void StopSaving(ShareStateException exception)
    {
        if (_off)
        {
            return;
        }

        _off = true;
        _warn(Unsaved(exception));
        if (_saved is { } saved)
        {
            // Better no state than one that is behind: a resume from it would replay what the share already did.
            saved.Remove();
            saved.Dispose();
            _saved = null;
        }
    }

    private static string Unsaved(ShareStateException exception) =>
        $"The share's state is not saved: {exception.Message} If this command is stopped without ending the share, tigress status will not know of it.";
}
