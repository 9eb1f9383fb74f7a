using Tigress.Client.Verticals;

namespace Tigress.Client.Transfers;

/// <summary>
/// One binding's way into a session: it fills in its own part of the state and builds the channel, for a new share, a
/// link a recipient was given, or a stored state. The session keeps what both bindings share (role, status, vertical,
/// preview) and never asks which binding it runs over.
/// </summary>
internal interface ITransferBindingFactory
{
    /// <summary>Initiator: checks the share against the server (where the binding can) and builds the channel.</summary>
    /// <exception cref="TransferException">The server will not take the share; nothing was uploaded.</exception>
    /// <exception cref="ArgumentException">The request does not suit this binding.</exception>
    Task<ITransferChannel> ShareAsync(
        TigressClient client,
        ShareRequest request,
        TransferStateDocument state,
        ICredentialVertical vertical,
        VerticalStep first,
        TransferSessionOptions options,
        CancellationToken cancellationToken);

    /// <summary>Recipient: builds the channel for a link of this binding, and takes the PIN where the binding itself
    /// proves it (the relay-assisted PIN); the session runs the SPAKE2 exchange.</summary>
    /// <exception cref="ArgumentException">The link's address is not one this client talks to, or the PIN is malformed.</exception>
    ITransferChannel Receive(TigressClient client, TigressLink link, ReadOnlySpan<char> pin, TransferStateDocument state, TransferSessionOptions options);

    /// <summary>Either side: builds the channel again from a stored state.</summary>
    ITransferChannel Resume(TigressClient client, TransferStateDocument state, TransferSessionOptions options);
}
