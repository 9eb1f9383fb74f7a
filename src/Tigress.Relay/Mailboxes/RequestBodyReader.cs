using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tigress.Relay.Problems;

namespace Tigress.Relay.Mailboxes;

/// <summary>Reads a request body up to a limit, answering 413 past it rather than buffering without bound.</summary>
internal static class RequestBodyReader
{
    /// <summary>The body, or an empty array when there is none; <see langword="null"/> with a problem when too large.</summary>
    public static async Task<(byte[]? Body, Problem? Problem)> ReadAsync(HttpContext context, int limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length ? (int)length + 1 : 4096);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled > limit)
                    {
                        return (null, TooLarge(limit));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if (filled > limit)
                {
                    return (null, TooLarge(limit));
                }
            }

            return (buffer.AsSpan(0, filled).ToArray(), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Problem TooLarge(int limit) =>
        Problem.PayloadTooLarge($"The request body is larger than the relay's limit of {limit} bytes.");
}
