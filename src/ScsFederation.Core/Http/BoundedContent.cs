namespace ScsFederation.Core.Http;

/// <summary>Reads a response body from an outside party with a size cap, so a hostile peer cannot exhaust memory.</summary>
public static class BoundedContent
{
    /// <summary>The body, or the exception <paramref name="tooLarge"/> makes once more than <paramref name="maxBytes"/> arrive.</summary>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, int maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes) throw tooLarge();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw tooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
