using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public class CspBrowserTests(BrowserFixture browser)
{
    private const string Recorder =
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    [Fact]
    public async Task Walking_through_the_site_with_htmx_triggers_no_CSP_violation()
    {
        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(Recorder);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        async Task Collect(string where) =>
            violations.AddRange((await page.EvaluateAsync<string[]>("() => window.cspViolations")).Select(v => $"{where}: {v}"));

        await page.SignInAsync("Csp Cleo", "cleo@example.test", mayCreateExams: true);
        await Collect("home");
        await page.GetByRole(AriaRole.Link, new() { Name = "SQL Fundamentals" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start exam" }).ClickAsync();
        await page.WaitForHtmxAsync();
        await page.Locator("fieldset.question .choice label").First.ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.question .save-status").First).ToContainTextAsync("Saved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Submit your answers for grading?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/result$"));
        await Collect("taking");
        await page.GotoAsync("/manage/exams/new");
        await page.GetByLabel("Title").FillAsync("CSP exam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.WaitForHtmxAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a question" }).ClickAsync();
        await page.Locator("#new-question").GetByRole(AriaRole.Button, new() { Name = "Add a choice" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-question input[name$='.Text']")).ToHaveCountAsync(4);
        await Collect("authoring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Collect("signed out");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
