namespace Tigress.Client.Dropbox;

/// <summary>What a dropbox server answered to one request, as far as the binding cares.</summary>
internal enum DropboxResponseStatus
{
    /// <summary>Done: the body was stored, returned or deleted.</summary>
    Ok = 0,

    /// <summary>Nothing is (or is any longer) at the location.</summary>
    NotFound = 1,

    /// <summary>The location was written before (409, or 412 to <c>If-None-Match: *</c>).</summary>
    AlreadyWritten = 2,

    /// <summary>The server's lock admits other clients at this location (403).</summary>
    Locked = 3,
}
