using Tigress.Client.Mailbox;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Mailbox clients for tests: real HTTP, quick retries.</summary>
public static class Clients
{
    public static MailboxClientOptions FastRetries => new()
    {
        MaxRetries = 3,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    };

    public static MailboxClient Create(HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(90) }, FastRetries);
}
