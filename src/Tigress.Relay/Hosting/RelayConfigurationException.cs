namespace Tigress.Relay.Hosting;

/// <summary>The relay's settings cannot work; the message says which setting to change and how.</summary>
public sealed class RelayConfigurationException : Exception
{
    /// <summary>Creates the exception with a message that names the setting.</summary>
    public RelayConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public RelayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
