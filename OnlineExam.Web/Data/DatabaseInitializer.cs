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
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample exams into {File}")]
    private static partial void LogSeeded(ILogger logger, string file);
}
