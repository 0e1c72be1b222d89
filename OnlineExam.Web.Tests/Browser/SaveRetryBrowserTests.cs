using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public class SaveRetryBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_failed_save_shows_a_retry_message_keeps_the_choice_and_saves_on_retry()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Retry Rita", "rita@example.test");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "SQL Fundamentals" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start exam" }).ClickAsync();
        var attemptId = int.Parse(page.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var first = page.Locator("fieldset.question").First;
        await page.WaitForHtmxAsync();

        await context.RouteAsync("**/attempts/*?handler=SaveQuestion*", route => route.AbortAsync("connectionfailed"));
        await first.Locator(".choice label").Nth(2).ClickAsync();

        await Assertions.Expect(first.Locator(".save-status")).ToContainTextAsync("Not saved");
        await Assertions.Expect(first.Locator(".choice input").Nth(2)).ToBeCheckedAsync();
        Assert.Equal(0, await browser.App.WithDbAsync(db => db.AttemptAnswers.CountAsync(a => a.AttemptId == attemptId)));

        await context.UnrouteAllAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await Assertions.Expect(first.Locator(".save-status")).ToContainTextAsync("Saved");
        var saved = await browser.App.WithDbAsync(db => db.AttemptAnswers.Where(a => a.AttemptId == attemptId).Select(a => a.SelectedChoiceIds).SingleAsync());
        var chosen = int.Parse(await first.Locator(".choice input").Nth(2).GetAttributeAsync("value") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([chosen], saved);
    }
}
