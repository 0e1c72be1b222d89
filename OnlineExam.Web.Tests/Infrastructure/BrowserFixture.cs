using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>
/// One Chromium and one Kestrel-hosted app for the whole test run, started on first use.
/// Without Chromium the browser tests skip, except under CI=true where they fail.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public static readonly string ChromiumPath = System.Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly SemaphoreSlim gate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;
    private OnlineExamFactory? app;

    public OnlineExamFactory App => app ?? throw new InvalidOperationException("Call StartAsync first.");

    public Uri BaseAddress { get; private set; } = null!;

    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        await StartAsync();
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        var context = await browser!.NewContextAsync(options);
        // Browser tests share two cores with the integration tests running beside them.
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var message = $"Chromium is not installed at {ChromiumPath}: run `apt-get install chromium` to run the browser tests.";
            if (string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        await gate.WaitAsync();
        try
        {
            if (browser is not null)
            {
                return;
            }

            // The browser signs in through the app's own Auth0 emulator, as a developer would.
            app = new OnlineExamFactory { Environment = "Development", UseFakeAuth0 = false };
            app.UseKestrel(0);
            app.StartServer();
            BaseAddress = app.ClientOptions.BaseAddress;

            Assertions.SetDefaultExpectTimeout(15_000);
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = LaunchArgs,
            });
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        gate.Dispose();
    }
}
