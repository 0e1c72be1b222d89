using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public class HomePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_home_page_lists_the_sample_exams_and_clicking_one_opens_it()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        var titles = await page.Locator(".exam-card__title").AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "TypeScript Advanced Exam" }).ClickAsync();

        Assert.Contains("TypeScript Advanced Exam", titles);
        Assert.Contains("HTTP Essentials", titles);
        Assert.Contains("SQL Fundamentals", titles);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/exams/[0-9]+$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("TypeScript Advanced Exam");
        await Assertions.Expect(page.Locator(".question-outline li")).ToHaveCountAsync(8);
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("2.0.11", await page.EvaluateAsync<string>("() => window.htmx.version"));
    }
}
