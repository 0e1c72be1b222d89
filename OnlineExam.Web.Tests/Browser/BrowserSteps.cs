using Microsoft.Playwright;

namespace OnlineExam.Web.Tests.Browser;

public static class BrowserSteps
{
    /// <summary>Waits until htmx has processed the page, so clicks go through htmx rather than the no-JS fallback.</summary>
    public static Task WaitForHtmxAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => window.htmx !== undefined && document.readyState !== 'loading'");

    /// <summary>Signs in through the app's own Auth0 emulator form.</summary>
    public static async Task SignInAsync(this IPage page, string name, string email, bool mayCreateExams = false)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        if (mayCreateExams)
        {
            await page.GetByLabel("May create exams").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account__name")).ToHaveTextAsync(name);
    }
}
