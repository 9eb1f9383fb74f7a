using Microsoft.Extensions.Options;
using Tigress.Relay.Notifications;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Hosting;

/// <summary>Checks <see cref="RelayOptions"/> at start, with messages that say which setting to fix.</summary>
internal sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        var failures = new List<string>();
        // Share links are built on it, so it follows the rule clients hold a relay's address to.
        if (options.PublicUrl is { } publicUrl && !RelayAddress.TryParse(publicUrl, out _, out var addressError))
        {
            failures.Add($"{RelayAddress.Describe(addressError, "Relay:PublicUrl")} Got '{publicUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Relay:DataDirectory must name a folder.");
        }

        if (!RelayDurabilityNames.TryParse(options.Durability, out _))
        {
            failures.Add($"Relay:Durability must be process (an acknowledged write survives the relay process being killed) or power (it survives a power loss too); got '{options.Durability}'.");
        }

        if (options.MaxStoreBytes is < 1024 * 1024)
        {
            failures.Add($"Relay:MaxStoreBytes must be at least 1048576 (1 MiB), or unset for no cap; got {options.MaxStoreBytes}.");
        }

        if (options.MinFreeDiskBytes < 0)
        {
            failures.Add($"Relay:MinFreeDiskBytes must be 0 (off) or more; got {options.MinFreeDiskBytes}.");
        }

        if (options.MaxTtl <= TimeSpan.Zero || options.MaxTtl > TimeSpan.FromDays(366))
        {
            failures.Add($"Relay:MaxTtl must be more than zero and at most 366 days; got {options.MaxTtl}.");
        }

        if (options.MaxPayloadBytes < 64)
        {
            failures.Add($"Relay:MaxPayloadBytes must be at least 64; got {options.MaxPayloadBytes}.");
        }

        // The payload travels base64-encoded inside a JSON body, so the body limit must leave room for it.
        if (options.MaxPayloadBytesPerMailbox < options.MaxPayloadBytes)
        {
            failures.Add($"Relay:MaxPayloadBytesPerMailbox must be at least Relay:MaxPayloadBytes ({options.MaxPayloadBytes}); got {options.MaxPayloadBytesPerMailbox}.");
        }

        var smallestBody = ((long)options.MaxPayloadBytes + 2) / 3 * 4 + 1024;
        if (options.MaxRequestBodyBytes < smallestBody)
        {
            failures.Add($"Relay:MaxRequestBodyBytes must be at least {smallestBody} to carry a {options.MaxPayloadBytes}-byte payload; got {options.MaxRequestBodyBytes}.");
        }

        if (options.MaxDisplayLength < 1)
        {
            failures.Add($"Relay:MaxDisplayLength must be at least 1; got {options.MaxDisplayLength}.");
        }

        if (options.MaxNotificationTokenBytes < 64)
        {
            failures.Add($"Relay:MaxNotificationTokenBytes must be at least 64; got {options.MaxNotificationTokenBytes}.");
        }

        if (options.MaxWait < TimeSpan.Zero || options.MaxWait > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Relay:MaxWait must be between 0 and 10 minutes; got {options.MaxWait}.");
        }

        if (options.MaxPinGuesses < 1 || options.MaxPinGuesses > RelayOptions.HighestMaxPinGuesses)
        {
            failures.Add($"Relay:MaxPinGuesses must be between 1 and {RelayOptions.HighestMaxPinGuesses}; got {options.MaxPinGuesses}.");
        }

        if (options.SweepInterval < TimeSpan.FromMilliseconds(10) || options.SweepInterval > TimeSpan.FromDays(7))
        {
            failures.Add($"Relay:SweepInterval must be between 10 ms and 7 days; got {options.SweepInterval}.");
        }

        foreach (var proxy in options.RateLimits.TrustedProxies)
        {
            if (!System.Net.IPNetwork.TryParse(proxy, out _))
            {
                failures.Add($"Relay:RateLimits:TrustedProxies (--trust-proxy) must be networks like 10.0.0.5/32 or fd00::/8; got '{proxy}'.");
            }
        }

        if (options.RateLimits.CreatePerMinute < 1 || options.RateLimits.ClaimPerMinute < 1 || options.RateLimits.WritePerMinute < 1)
        {
            failures.Add("Relay:RateLimits:CreatePerMinute, ClaimPerMinute and WritePerMinute must be at least 1; set Relay:RateLimits:Enabled to false to turn limits off.");
        }

        ValidateConnections(options.Connections, failures);

        if (options.Events.KeepAliveInterval < TimeSpan.FromMilliseconds(10) || options.Events.KeepAliveInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Relay:Events:KeepAliveInterval must be between 10 ms and 1 hour; got {options.Events.KeepAliveInterval}.");
        }

        if (options.Events.MaxStreamsPerMailbox < 1 || options.Events.MaxStreamsPerMailbox > 1000)
        {
            failures.Add($"Relay:Events:MaxStreamsPerMailbox must be between 1 and 1000; got {options.Events.MaxStreamsPerMailbox}.");
        }

        if (options.Events.MaxDuration < TimeSpan.FromSeconds(1) || options.Events.MaxDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"Relay:Events:MaxDuration must be between 1 second and 1 day; got {options.Events.MaxDuration}.");
        }

        ValidatePush(options.Push, failures);
        foreach (var origin in options.CorsOrigins)
        {
            if (!Web.CrossOrigin.IsOrigin(origin))
            {
                failures.Add($"Relay:CorsOrigins: each entry is an origin such as https://app.example (scheme, host, optional port; no path, no wildcard); got '{origin}'.");
            }
        }


        if (options.CertificatePath is { } path && !File.Exists(path))
        {
            failures.Add($"Relay:CertificatePath: no file at '{path}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConnections(ConnectionLimitOptions connections, List<string> failures)
    {
        if (connections.MaxConnections is < 1)
        {
            failures.Add($"Relay:Connections:MaxConnections must be at least 1; got {connections.MaxConnections}.");
        }

        if (connections.ReservedDescriptors < 16 || connections.ReservedDescriptors > 100_000)
        {
            failures.Add($"Relay:Connections:ReservedDescriptors must be between 16 and 100,000; got {connections.ReservedDescriptors}.");
        }

        if (connections.MaxConnectionsPerClient < 0 || connections.MaxLongPollsPerClient < 0 || connections.MaxEventStreamsPerClient < 0)
        {
            failures.Add("Relay:Connections:MaxConnectionsPerClient, MaxLongPollsPerClient and MaxEventStreamsPerClient must be 0 (off) or more.");
        }
    }

    private static void ValidatePush(PushOptions push, List<string> failures)
    {
        if (push.VapidSubject is { Length: > 0 } subject && !IsVapidSubject(subject))
        {
            failures.Add($"Relay:Push:VapidSubject must be a mailto: address or an https: URL; got '{subject}'.");
        }

        if ((push.VapidPublicKey is null) != (push.VapidPrivateKey is null))
        {
            failures.Add("Relay:Push:VapidPublicKey and Relay:Push:VapidPrivateKey go together: give both, or neither to use the key pair in the data folder.");
        }

        if (push.QueueCapacity < 1 || push.QueueCapacity > 10_000_000)
        {
            failures.Add($"Relay:Push:QueueCapacity must be between 1 and 10,000,000; got {push.QueueCapacity}.");
        }

        if (push.MaxConcurrentSends < 1 || push.MaxConcurrentSends > 1024)
        {
            failures.Add($"Relay:Push:MaxConcurrentSends must be between 1 and 1024; got {push.MaxConcurrentSends}.");
        }

        if (push.SendTimeout < TimeSpan.FromMilliseconds(100) || push.SendTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Relay:Push:SendTimeout must be between 100 ms and 5 minutes; got {push.SendTimeout}.");
        }

        if (push.MaxAttempts < 1 || push.MaxAttempts > 20)
        {
            failures.Add($"Relay:Push:MaxAttempts must be between 1 and 20; got {push.MaxAttempts}.");
        }
    }

    internal static bool IsVapidSubject(string value) =>
        (value.StartsWith("mailto:", StringComparison.Ordinal) && value.Length > "mailto:".Length && !value.Any(char.IsWhiteSpace))
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && Uri.IsWellFormedUriString(value, UriKind.Absolute));
}
