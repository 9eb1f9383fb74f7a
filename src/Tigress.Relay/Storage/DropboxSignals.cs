namespace Tigress.Relay.Storage;

/// <summary>Wake-ups for long polls on dropbox locations, keyed by location.</summary>
public sealed class DropboxSignals : ChangeSignals<string>;
