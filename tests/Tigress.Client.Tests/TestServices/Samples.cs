using Tigress.Client.Mailbox;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Ready-made inputs.</summary>
public static class Samples
{
    public static DisplayInformation Display { get; } = new("Car key", "Alice shares her car with you", new Uri("https://img.example/car.png"));

    public static CreateMailboxRequest CreateRequest(ShareKey key, string text = "first") => new()
    {
        DisplayInformation = Display,
        Payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, System.Text.Encoding.UTF8.GetBytes(text)),
    };
}
