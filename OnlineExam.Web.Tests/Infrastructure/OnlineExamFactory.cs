using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>The app on a SQLite file of its own, in a temporary data folder removed on dispose.</summary>
public class OnlineExamFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "onlineexam-tests", Guid.NewGuid().ToString("N"));

    public QueryCounter Queries { get; } = new();

    /// <summary>Settings layered over appsettings.json; set them before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string Environment { get; set; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Queries));
    }

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> WithDbAsync<T>(Func<ExamDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ExamDbContext>());
    }

    public Task WithDbAsync(Func<ExamDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
