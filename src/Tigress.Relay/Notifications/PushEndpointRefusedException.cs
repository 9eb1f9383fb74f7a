namespace Tigress.Relay.Notifications;

/// <summary>The push client refused to connect to an endpoint that fails the address policy; never retried.</summary>
internal sealed class PushEndpointRefusedException : Exception
{
    public PushEndpointRefusedException()
        : base("The push endpoint is not on a public address.")
    {
    }

    public PushEndpointRefusedException(string message)
        : base(message)
    {
    }

    public PushEndpointRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
