using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace OnlineExam.Web.Data;

public static class DataServices
{
    public static IServiceCollection AddExamData(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextPool<ExamDbContext>((provider, options) => options
            .UseSqlite(ConnectionString(provider))
            .AddInterceptors(provider.GetServices<IInterceptor>()));
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }

    private static string ConnectionString(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IConfiguration>().GetConnectionString("Exams");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var file = Path.Combine(storage.ResolveDataDirectory(contentRoot), "exams.db");
        return new SqliteConnectionStringBuilder { DataSource = file }.ToString();
    }
}
