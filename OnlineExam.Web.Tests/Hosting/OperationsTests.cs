using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Api;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

public class OperationsTests
{
    [Fact]
    public async Task Healthz_reports_healthy_when_the_database_answers()
    {
        await using var factory = new OnlineExamFactory();

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unwritable_data_folder_stops_start_up_with_a_clear_message()
    {
        var blocker = Path.GetTempFileName();
        await using var factory = new OnlineExamFactory();
        factory.Settings["Storage:DataDirectory"] = Path.Combine(blocker, "data");

        var error = Record.Exception(() => factory.Server);

        Assert.NotNull(error);
        Assert.Contains("cannot be written", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", error.ToString(), StringComparison.Ordinal);
        File.Delete(blocker);
    }

    [Fact]
    public async Task A_database_from_a_newer_version_stops_start_up_and_is_left_untouched()
    {
        var folder = Path.Combine(Path.GetTempPath(), "onlineexam-tests", Guid.NewGuid().ToString("N"));
        await using (var first = new OnlineExamFactory())
        {
            first.Settings["Storage:DataDirectory"] = folder;
            _ = first.Server;
        }

        SqliteConnection.ClearAllPools();
        var file = Path.Combine(folder, "exams.db");
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0');";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(file);
        await using var second = new OnlineExamFactory();
        second.Settings["Storage:DataDirectory"] = folder;

        var error = Record.Exception(() => second.Server);

        Assert.NotNull(error);
        Assert.Contains("newer version of OnlineExam", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("29991231000000_FromTheFuture", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Shutdown_lets_a_request_in_flight_finish_and_keep_its_write()
    {
        await using var factory = new OnlineExamFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken("auth0|shutdown", ["create:exams"]));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();

        // Hold the write lock, so the API call is still in flight when shutdown begins.
        var held = await db.BeginWriteAsync(CancellationToken.None);
        var document = ExamsApiTests.Document();
        document["title"] = "Written during shutdown";
        var create = client.PostAsync("/api/exams", new StringContent(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        await Task.Delay(300);
        var stopping = factory.Services.GetRequiredService<IHost>().StopAsync();
        await Task.Delay(300);

        Assert.False(create.IsCompleted);
        Assert.False(stopping.IsCompleted);
        await held.DisposeAsync();
        var response = await create;
        await stopping;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await db.Exams.CountAsync(e => e.Title == "Written during shutdown"));
    }
}
