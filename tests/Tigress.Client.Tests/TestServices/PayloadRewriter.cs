using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Plays a hostile relay: rewrites the JSON of read answers before the client sees them.</summary>
public static class PayloadRewriter
{
    public static InterceptingHandler ForReads(Action<JsonObject> rewrite) => new(async (request, send, cancellationToken) =>
    {
        var response = await send();
        if (request.Method != HttpMethod.Post || request.RequestUri!.AbsolutePath.EndsWith("/v1/m", StringComparison.Ordinal)
            || (int)response.StatusCode is not (200 or 201))
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        rewrite(body);
        var rewritten = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body.ToJsonString()) };
        rewritten.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (response.Headers.ETag is { } etag)
        {
            rewritten.Headers.ETag = etag;
        }

        response.Dispose();
        return rewritten;
    });

    /// <summary>Flips one bit in the middle of the payload data.</summary>
    public static void FlipPayloadBit(JsonObject body)
    {
        var data = Convert.FromBase64String(body["payload"]!["data"]!.GetValue<string>());
        data[data.Length / 2] ^= 0x10;
        body["payload"]!["data"] = Convert.ToBase64String(data);
    }
}
