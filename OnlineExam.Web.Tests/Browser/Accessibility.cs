using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OnlineExam.Web.Tests.Browser;

/// <summary>axe-core at WCAG 2.2 AA, and full-page screenshots for reviewers.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The violations on the page as it is now, one line each; empty when clean.</summary>
    public static async Task<List<string>> ViolationsAsync(this IPage page, string state)
    {
        var result = await page.RunAxe(Options);
        return
        [
            .. result.Violations.Select(v => $"{state}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"),
        ];
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}px.png"), FullPage = true });
    }
}
