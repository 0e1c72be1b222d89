using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public partial class TakingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task With_and_without_JavaScript_the_same_choices_get_the_same_score()
    {
        var withScript = await TakeAsync(javaScript: true);
        var withoutScript = await TakeAsync(javaScript: false);

        Assert.Equal(withScript, withoutScript);
        Assert.Matches(ScorePattern(), withScript);
    }

    private async Task<string> TakeAsync(bool javaScript)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        var who = javaScript ? "script" : "noscript";
        await page.SignInAsync($"Taker {who}", $"taker-{who}@example.test");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "HTTP Essentials" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start exam" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AttemptUrl());
        var attemptId = int.Parse(AttemptUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        if (javaScript)
        {
            await page.WaitForHtmxAsync();
        }

        var questions = page.Locator("fieldset.question");
        var count = await questions.CountAsync();
        for (var i = 0; i < count; i++)
        {
            // The same pick in both runs: each question's second choice.
            await questions.Nth(i).Locator(".choice label").Nth(1).ClickAsync();
            if (javaScript)
            {
                await Assertions.Expect(questions.Nth(i).Locator(".save-status")).ToContainTextAsync("Saved");
            }
        }

        if (javaScript)
        {
            var saved = await browser.App.WithDbAsync(db => db.AttemptAnswers.CountAsync(a => a.AttemptId == attemptId && a.SelectedChoiceIds.Count > 0));
            Assert.Equal(count, saved);
            await page.EvaluateAsync("() => { window.sameDocument = true; }");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Submit your answers for grading?" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/attempts/{attemptId}/submit$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/attempts/{attemptId}/result$"));
        var score = await page.Locator(".score__value").InnerTextAsync();
        await Assertions.Expect(page.Locator(".result-question")).ToHaveCountAsync(count);
        if (javaScript)
        {
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "htmx should swap the result in without a full reload");
        }

        return score;
    }

    [GeneratedRegex("/attempts/([0-9]+)$")]
    private static partial Regex AttemptUrl();

    [GeneratedRegex("^[0-9]+ of 6, [0-9]+%$")]
    private static partial Regex ScorePattern();
}
