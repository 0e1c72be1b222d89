using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OnlineExam.Web.Data;

public partial class DatabaseInitializer(ExamDbContext db, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            EnsureWritableFolder(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database {file} was written by a newer version of OnlineExam (it has migration {unknown[^1]}, which this build does not know). " +
                "Run the newer version, or restore a backup made for this one.");
        }

        await db.Database.MigrateAsync(cancellationToken);
        // WAL is a property of the database file: set once, it stays for every later connection.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        if (storage.Value.SeedSampleExams && !await db.Exams.AnyAsync(cancellationToken))
        {
            db.Exams.AddRange(SampleExams.Create(clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            LogSeeded(logger, file);
        }
    }

    private static void EnsureWritableFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The data folder {folder} cannot be written ({exception.Message}). Set Storage:DataDirectory to a folder the app may write to.", exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample exams into {File}")]
    private static partial void LogSeeded(ILogger logger, string file);
}
