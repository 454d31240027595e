using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Billing.Functions.Json;

namespace Billing.Functions.Usage;

/// <summary>
/// Streams the elements of a LiteLLM generic_api body: a JSON array (the default <c>json_array</c> format), one
/// object (<c>single</c>) or NDJSON (<c>ndjson</c>, still sent as <c>application/json</c>). Elements are yielded as
/// they are parsed, so a megabyte batch is never held as one document.
/// </summary>
internal static class LiteLlmBodyReader
{
    public static async IAsyncEnumerable<JsonElement> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body);
        var first = await PeekFirstByteAsync(reader, cancellationToken);
        var stream = reader.AsStream();
        var elements = first switch
        {
            (byte)'[' => JsonSerializer.DeserializeAsyncEnumerable(stream, BillingJsonContext.Default.JsonElement, cancellationToken),
            (byte)'{' => JsonSerializer.DeserializeAsyncEnumerable(stream, BillingJsonContext.Default.JsonElement, topLevelValues: true, cancellationToken),
            null => throw new PayloadFieldException("body", "is empty; expected a JSON array of LiteLLM StandardLoggingPayload objects"),
            _ => throw new PayloadFieldException("body", "expected a JSON array, a JSON object or NDJSON objects"),
        };
        await foreach (var element in elements) yield return element;
    }

    private static async Task<byte?> PeekFirstByteAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var position = 0L;
            foreach (var segment in buffer)
            {
                foreach (var b in segment.Span)
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                    {
                        reader.AdvanceTo(buffer.GetPosition(position));
                        return b;
                    }
                    position++;
                }
            }
            reader.AdvanceTo(buffer.End);
            if (result.IsCompleted) return null;
        }
    }
}
