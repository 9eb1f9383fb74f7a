namespace Tigress.Relay.Storage;

/// <summary>A wait for the next change of one mailbox or dropbox location; dispose it when done waiting.</summary>
public sealed class MailboxWatch : IDisposable
{
    private Action? _release;

    /// <summary>
    /// Wraps a task that completes on the next change, and what to do when the wait ends. A store that knows what
    /// changed passes a <see cref="Task{TResult}"/> of <see cref="Nullable{T}"/> <see cref="MailboxChange"/>, completed
    /// with the change (or <see langword="null"/> for a change it cannot name); the watcher reads it from <see cref="Change"/>.
    /// </summary>
    public MailboxWatch(Task changed, Action? release)
    {
        ArgumentNullException.ThrowIfNull(changed);
        Changed = changed;
        _release = release;
    }

    /// <summary>Completes when the watched mailbox or location changes (written, claimed, relinquished, deleted or expired).</summary>
    public Task Changed { get; }

    /// <summary>
    /// The change that fired this watch, with the side that made it; <see langword="null"/> before it fired, or if the
    /// store could not name the change (the watcher then reads the store to learn it).
    /// </summary>
    public MailboxChange? Change => Changed is Task<MailboxChange?> { IsCompletedSuccessfully: true } fired ? fired.Result : null;

    /// <summary>Stops watching.</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
