using System.ComponentModel.DataAnnotations;

namespace OnlineExam.Web.Data;

public class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and local keys; relative paths start at the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    public bool SeedSampleExams { get; set; } = true;

    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);
}
