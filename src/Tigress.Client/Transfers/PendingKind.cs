namespace Tigress.Client.Transfers;

/// <summary>A request the session has decided on and recorded, but not yet seen acknowledged.</summary>
internal enum PendingKind
{
    Create = 0,
    Update = 1,
    Delete = 2,
    Relinquish = 3,

    /// <summary>Dropbox binding: store this side's next message at its location.</summary>
    Put = 4,
}
