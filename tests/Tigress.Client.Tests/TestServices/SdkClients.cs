using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Turns the binding clients and links the tests build into what the session factories take.</summary>
public static class SdkClients
{
    public static TigressClient AsTigress(this MailboxClient client) => new(client, Dropboxes.Client());

    public static TigressClient AsTigress(this DropboxClient client) => new(Clients.Create(), client);

    public static TigressLink ToLink(this ShareUrl url) => TigressLink.Parse(url.GetLink());

    public static TigressLink ToLink(this DropboxInvitation invitation) => TigressLink.Parse(invitation.RevealUrl());
}
