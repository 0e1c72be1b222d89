using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>The app on a SQLite file of its own, in a temporary data folder removed on dispose.</summary>
public class OnlineExamFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "onlineexam-tests", Guid.NewGuid().ToString("N"));

    public QueryCounter Queries { get; } = new();

    public ErrorLog Errors { get; } = new();

    /// <summary>Settings layered over appsettings.json; set them before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string Environment { get; set; } = "Testing";

    /// <summary>When set, the app's clock (sessions, attempts, tokens it checks) is this one.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Wire the app to <see cref="Auth0"/>; turn off to test the emulator or a missing configuration.</summary>
    public bool UseFakeAuth0 { get; set; } = true;

    public FakeAuth0 Auth0 { get; } = new();

    public OnlineExamFactory()
    {
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        // Test classes write far faster than people; RateLimitTests sets real limits itself.
        builder.UseSetting("RateLimits:AnswerWritesPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiWritesPerMinute", "100000");
        if (UseFakeAuth0)
        {
            builder.UseSetting("Auth0:Domain", FakeAuth0.Domain);
            builder.UseSetting("Auth0:ClientId", FakeAuth0.ClientId);
            builder.UseSetting("Auth0:ClientSecret", FakeAuth0.ClientSecret);
            builder.UseSetting("Auth0:Audience", FakeAuth0.Audience);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IInterceptor>(Queries);
            if (Clock is not null)
            {
                services.AddSingleton(Clock);
            }

            if (UseFakeAuth0)
            {
                services.Configure<OpenIdConnectOptions>("Auth0", o => o.BackchannelHttpHandler = Auth0);
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = Auth0);
            }
        });
    }

    public HttpClient CreateBrowserlessClient() => CreateClient();

    /// <summary>Signs a client in through the real login, Auth0 redirect and callback; returns the callback's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, FakeUser user, string? returnUrl = null)
    {
        var login = await client.GetAsync(returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var callback = Auth0.Authorize(login.Headers.Location!, user);
        var response = await client.GetAsync(callback);
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, string.Join(System.Environment.NewLine, Errors.Entries));
        return response;
    }

    public async Task<HttpClient> SignedInClientAsync(FakeUser user)
    {
        var client = CreateClient();
        var callback = await SignInAsync(client, user);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<ExamDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<ExamDbContext>());
        // Tests write straight to the database, past the app's cache eviction; do what the app's writes do.
        await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(OnlineExam.Web.Hosting.SiteServices.ExamsTag, default);
        return result;
    }

    public Task WithDbAsync(Func<ExamDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Auth0.Dispose();
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
