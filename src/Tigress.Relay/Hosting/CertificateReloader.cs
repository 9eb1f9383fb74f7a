using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Diagnostics;

namespace Tigress.Relay.Hosting;

/// <summary>
/// The HTTPS certificate, read again when its file changes (a renewal writes a new file or swings a symlink), so a
/// renewed certificate is served without a restart. The file's time and size are looked at on a TLS handshake at most
/// once a second; a file that fails to load leaves the previous certificate in place and is tried again when it
/// changes again.
/// </summary>
internal sealed class CertificateReloader
{
    private static readonly long s_checkEveryMilliseconds = 1000;

    private readonly string _path;
    private readonly string? _password;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private X509Certificate2 _current;
    private (DateTime Written, long Length) _stamp;
    private long _checkedAt;

    private CertificateReloader(string path, string? password, X509Certificate2 current, (DateTime, long) stamp, ILogger logger)
    {
        _path = path;
        _password = password;
        _current = current;
        _stamp = stamp;
        _logger = logger;
        _checkedAt = Environment.TickCount64;
    }

    /// <summary>Loads the certificate once, now; throws <see cref="RelayConfigurationException"/> if it cannot.</summary>
    public static CertificateReloader Load(string path, string? password, ILogger logger)
    {
        var stamp = Stamp(path);
        try
        {
            return new CertificateReloader(path, password, Read(path, password), stamp, logger);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            throw new RelayConfigurationException($"Relay:CertificatePath: the certificate at '{path}' could not be loaded ({e.GetType().Name}); check the file and Relay:CertificatePassword.", e);
        }
    }

    /// <summary>The certificate to present now.</summary>
    public X509Certificate2 Current
    {
        get
        {
            var now = Environment.TickCount64;
            if (now - Volatile.Read(ref _checkedAt) >= s_checkEveryMilliseconds)
            {
                CheckForChange(now);
            }

            return Volatile.Read(ref _current);
        }
    }

    private void CheckForChange(long now)
    {
        lock (_lock)
        {
            if (now - _checkedAt < s_checkEveryMilliseconds)
            {
                return;
            }

            _checkedAt = now;
            (DateTime, long) stamp;
            try
            {
                stamp = Stamp(_path);
            }
            catch (IOException)
            {
                return;
            }

            if (stamp == _stamp)
            {
                return;
            }

            _stamp = stamp;
            try
            {
                Volatile.Write(ref _current, Read(_path, _password));
                RelayLog.CertificateReloaded(_logger, _path);
            }
            catch (Exception e) when (e is CryptographicException or IOException)
            {
                // Often a renewal caught half-written: the next change loads it.
                RelayLog.CertificateReloadFailed(_logger, _path, e.GetType().Name);
            }
        }
    }

    // Follows a symlink: the target's time and size change when a renewal points the link elsewhere.
    private static (DateTime, long) Stamp(string path)
    {
        var file = new FileInfo(path);
        var target = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
        return (target.LastWriteTimeUtc, target.Exists ? target.Length : -1);
    }

    private static X509Certificate2 Read(string path, string? password)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".pem" or ".crt"
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }
}
