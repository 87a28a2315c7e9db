namespace ScsFederation.Core.Files;

/// <summary>
/// The hub's data folder and its secret files (key-encryption key, SAML SP key, SQLite database) are created
/// readable by the owner only, with the mode given at creation: chmod after creating would leave a moment in
/// which another local user can open the file with the default (umask) permissions and keep the handle.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder 0700; an existing one that group or others can enter is narrowed to 0700.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
        }
        else if ((File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~GroupOrOther);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> unless the file exists: into a 0600 temporary file
    /// first, then linked into place without replacing, so readers never see a partial file and of two instances
    /// starting at once exactly one wins. Returns false when the file already existed (its content is untouched).
    /// </summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content)
    {
        if (File.Exists(path)) return false;
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("n");
        try
        {
            using (var stream = new FileStream(temporary, CreateOptions()))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Creates an empty 0600 file if none exists (so SQLite, which copies the database's mode to its journal files, never creates it world-readable).</summary>
    public static void EnsureEmptyFile(string path)
    {
        try
        {
            using var _ = new FileStream(path, CreateOptions());
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return options;
    }
}
