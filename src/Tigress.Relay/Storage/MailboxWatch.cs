namespace Tigress.Relay.Storage;

/// <summary>A wait for the next change of one mailbox or dropbox location; dispose it when done waiting.</summary>
public sealed class MailboxWatch : IDisposable
{
    private Action? _release;

    /// <summary>Wraps a task that completes on the next change, and what to do when the wait ends.</summary>
    public MailboxWatch(Task changed, Action? release)
    {
        ArgumentNullException.ThrowIfNull(changed);
        Changed = changed;
        _release = release;
    }

    /// <summary>Completes when the watched mailbox or location changes (written, claimed, relinquished, deleted or expired).</summary>
    public Task Changed { get; }

    /// <summary>The side that deleted the mailbox, once a delete has fired this watch; otherwise null.</summary>
    internal MailboxRole? DeletedBy => Changed is Task<MailboxRole?> { IsCompletedSuccessfully: true } fired ? fired.Result : null;

    /// <summary>Stops watching.</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
