using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public class AuthoringBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_author_writes_an_exam_in_place_with_htmx_and_another_user_takes_it()
    {
        await using var authorContext = await browser.NewContextAsync();
        var page = await authorContext.NewPageAsync();
        await page.SignInAsync("Author Ann", "ann@example.test", mayCreateExams: true);
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New exam" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Browser geography");
        await page.GetByLabel("Description (optional)").FillAsync("Capitals and rivers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page.Locator(".exam-status")).ToHaveTextAsync("Draft");

        await AddQuestionAsync(page, "What is the capital of France?", ["Paris", "Lyon", "Marseille", "Nice"], correct: [0]);
        await AddQuestionAsync(page, "Which rivers flow through Germany?", ["Rhine", "Danube", "Thames"], correct: [0, 1], multiple: true);
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var items = page.Locator("#questions .question-item");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await items.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Move up question 2" }).ClickAsync();
        await Assertions.Expect(items.First.Locator(".question-item__text")).ToHaveTextAsync("Which rivers flow through Germany?");

        await items.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Edit question 2" }).ClickAsync();
        var editor = items.Nth(1).Locator("form");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        await editor.GetByLabel("Question", new() { Exact = true }).FillAsync("What is the capital city of France?");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(items.Nth(1).Locator(".question-item__text")).ToHaveTextAsync("What is the capital city of France?");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "editing should happen in place");

        await page.GetByLabel("Published: anyone can find and take this exam").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(page.Locator(".exam-status")).ToHaveTextAsync("Published");

        await using var takerContext = await browser.NewContextAsync();
        var taker = await takerContext.NewPageAsync();
        await taker.SignInAsync("Taker Tom", "tom@example.test");
        await taker.GotoAsync("/");
        await taker.GetByRole(AriaRole.Link, new() { Name = "Browser geography" }).ClickAsync();
        await taker.GetByRole(AriaRole.Button, new() { Name = "Start exam" }).ClickAsync();
        await taker.WaitForHtmxAsync();
        await taker.GetByLabel("Rhine").CheckAsync();
        await taker.GetByLabel("Danube").CheckAsync();
        await taker.GetByLabel("Paris").CheckAsync();
        await Assertions.Expect(taker.Locator("fieldset.question").Nth(1).Locator(".save-status")).ToContainTextAsync("Saved");
        await taker.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();
        await Assertions.Expect(taker.GetByRole(AriaRole.Heading, new() { Name = "Submit your answers for grading?" })).ToBeVisibleAsync();
        await taker.GetByRole(AriaRole.Button, new() { Name = "Submit for grading" }).ClickAsync();

        await Assertions.Expect(taker).ToHaveURLAsync(new Regex("/attempts/[0-9]+/result$"));
        await Assertions.Expect(taker.Locator(".score__value")).ToHaveTextAsync("2 of 2, 100%");
    }

    private static async Task AddQuestionAsync(IPage page, string text, string[] choices, int[] correct, bool multiple = false)
    {
        await page.WaitForHtmxAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a question" }).ClickAsync();
        var form = page.Locator("#new-question form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await form.GetByLabel("Question", new() { Exact = true }).FillAsync(text);
        if (multiple)
        {
            await form.GetByLabel("Multiple choice: one or more correct choices").CheckAsync();
        }

        while (await form.Locator("input[name$='.Text']").CountAsync() < choices.Length)
        {
            var rows = await form.Locator("input[name$='.Text']").CountAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "Add a choice" }).ClickAsync();
            form = page.Locator("#new-question form");
            await Assertions.Expect(form.Locator("input[name$='.Text']")).ToHaveCountAsync(rows + 1);
        }

        for (var i = 0; i < choices.Length; i++)
        {
            await form.GetByLabel($"Choice {i + 1}", new() { Exact = true }).FillAsync(choices[i]);
            if (correct.Contains(i))
            {
                await form.GetByLabel($"Correct (choice {i + 1})").CheckAsync();
            }
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(page.Locator("#questions .question-item__text", new() { HasTextString = text })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#new-question form")).ToHaveCountAsync(0);
    }
}
