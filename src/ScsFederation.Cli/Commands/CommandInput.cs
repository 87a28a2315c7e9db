namespace ScsFederation.Cli.Commands;

/// <summary>
/// The input file of a command, or standard input for <c>-</c>: one reader for every command that takes a FILE,
/// so they all name stdin and report unreadable files the same way.
/// </summary>
internal static class CommandInput
{
    /// <summary>How messages name the input: the path, or <c>&lt;stdin&gt;</c>.</summary>
    public static string DisplayName(string path) => path == "-" ? "<stdin>" : path;

    /// <summary>All bytes of the input; null (after a message on stderr prefixed with <paramref name="command"/>) when it cannot be read.</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(string path, string command, CancellationToken cancellationToken)
    {
        try
        {
            if (path == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                await stdin.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            }
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"scsfed {command}: cannot read {DisplayName(path)}: {e.Message}");
            return null;
        }
    }
}
