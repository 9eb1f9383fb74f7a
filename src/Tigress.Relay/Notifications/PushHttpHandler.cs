using System.Net;
using System.Net.Http.Headers;
using Lib.Net.Http.WebPush.Authentication;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Sits between the Web Push library and the network. It sets the VAPID audience to the endpoint's full origin
/// (RFC 8292 section 2: scheme, host and a non-default port; the library leaves the port out), and it caps what
/// the relay reads of a push service's answer, which the library would otherwise read whole on an error.
/// </summary>
internal sealed class PushHttpHandler(VapidAuthentication vapid) : DelegatingHandler
{
    public const int MaxResponseBytes = 4096;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsDefaultPort: false } uri && request.Headers.Authorization?.Scheme == "vapid")
        {
            var origin = uri.GetLeftPart(UriPartial.Authority);
            request.Headers.Authorization = new AuthenticationHeaderValue("vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(origin));
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            response.Content = new CappedContent(response.Content);
        }

        return response;
    }

    /// <summary>At most <see cref="MaxResponseBytes"/> of the original body; the rest is never read.</summary>
    private sealed class CappedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public CappedContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var source = await _inner.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[MaxResponseBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await source.ReadAsync(buffer.AsMemory(total)).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            await stream.WriteAsync(buffer.AsMemory(0, total)).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
