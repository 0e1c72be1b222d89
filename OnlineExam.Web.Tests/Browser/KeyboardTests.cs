using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public partial class KeyboardTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the focused element matches the script; fails after a bound.</summary>
    private static async Task TabToAsync(IPage page, string predicate, string what)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return !!e && ({predicate}); }}"))
            {
                Assert.True(await page.EvaluateAsync<bool>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"),
                    $"{what} has no visible focus outline");
                return;
            }
        }

        Assert.Fail($"Tab never reached {what}");
    }

    [Fact]
    public async Task An_exam_is_taken_and_submitted_with_the_keyboard_alone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Keyboard Kim", "kim@example.test");
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("content", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await TabToAsync(page, "e.textContent.trim() === 'HTTP Essentials'", "the exam link");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/exams/[0-9]+$"));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await TabToAsync(page, "e.textContent.trim() === 'Start exam'", "Start exam");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/attempts/[0-9]+$"));
        await page.WaitForHtmxAsync();

        var count = await page.Locator("fieldset.question").CountAsync();
        for (var i = 0; i < count; i++)
        {
            await TabToAsync(page, $"e.closest('fieldset.question') === document.querySelectorAll('fieldset.question')[{i}] && e.matches('input')", $"question {i + 1}");
            if (await page.EvaluateAsync<string>("() => document.activeElement.type") == "radio")
            {
                await page.Keyboard.PressAsync("ArrowDown");
            }
            else
            {
                await page.Keyboard.PressAsync("Space");
            }

            await Assertions.Expect(page.Locator("fieldset.question").Nth(i).Locator(".save-status")).ToContainTextAsync("Saved");
        }

        await TabToAsync(page, "e.textContent.trim() === 'Submit for grading'", "Submit for grading");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Submit your answers for grading?" })).ToBeFocusedAsync();
        await TabToAsync(page, "e.textContent.trim() === 'Submit for grading'", "the confirmation's Submit for grading");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/attempts/[0-9]+/result$"));
        await Assertions.Expect(page.Locator("#result-title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".result-question")).ToHaveCountAsync(count);
        await Assertions.Expect(page.Locator(".result-question__verdict", new() { HasTextString = "Not answered" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_htmx_validation_error_moves_focus_to_the_error_summary()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("Focus Fay", "fay@example.test", mayCreateExams: true);
        await page.GotoAsync("/manage/exams/new");
        await page.GetByLabel("Title").FillAsync("Focus exam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.WaitForHtmxAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a question" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-question form")).ToBeVisibleAsync();
        await page.Locator("#new-question").GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();

        await Assertions.Expect(page.Locator("#new-question .error-summary")).ToBeFocusedAsync();
    }
}
