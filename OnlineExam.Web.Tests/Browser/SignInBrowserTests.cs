using Microsoft.Playwright;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Browser;

public class SignInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_signs_in_through_the_emulator_and_sees_their_name_then_signs_out()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/exams/2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Display name").FillAsync("Browser Barbara");
        await page.GetByLabel("Email address").FillAsync("barbara@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/exams/2$"));
        await Assertions.Expect(page.Locator(".account__name")).ToHaveTextAsync("Browser Barbara");
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "__Host-OnlineExam");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "__Host-OnlineExam");
    }
}
