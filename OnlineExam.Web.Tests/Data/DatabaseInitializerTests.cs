using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Data;

public class DatabaseInitializerTests
{
    [Fact]
    public async Task Start_up_migrates_seeds_once_and_switches_the_file_to_WAL()
    {
        await using var factory = new OnlineExamFactory();
        _ = factory.Server;

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(3, await factory.WithDbAsync(db => db.Exams.CountAsync()));
        Assert.Equal(21, await factory.WithDbAsync(db => db.Questions.CountAsync()));
        Assert.Empty(await factory.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
        var file = Path.Combine(factory.DataDirectory, "exams.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Seeding_can_be_turned_off_in_configuration()
    {
        await using var factory = new OnlineExamFactory();
        factory.Settings["Storage:SeedSampleExams"] = "false";
        _ = factory.Server;

        Assert.Equal(0, await factory.WithDbAsync(db => db.Exams.CountAsync()));
    }

    [Fact]
    public async Task The_database_file_lives_in_the_configured_data_folder()
    {
        await using var factory = new OnlineExamFactory();

        var dataSource = await factory.WithDbAsync(db => Task.FromResult(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource));

        Assert.Equal(Path.Combine(factory.DataDirectory, "exams.db"), dataSource);
    }
}
