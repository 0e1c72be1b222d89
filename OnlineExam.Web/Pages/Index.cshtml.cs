using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;

namespace OnlineExam.Web.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = OnlineExam.Web.Hosting.SiteServices.PublicPages)]
public class IndexModel(ExamDbContext db) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<ExamRow> Exams { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasNextPage { get; private set; }

    /// <summary>The signed-in user's best score per listed exam, in percent.</summary>
    public IReadOnlyDictionary<int, int> BestPercent { get; private set; } = new Dictionary<int, int>();

    // "page" is also the route value naming the Razor Page, so it is read from the query alone.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (pageNumber < 1 || !ModelState.IsValid)
        {
            return NotFound();
        }

        PageNumber = pageNumber;
        var rows = await db.Exams.AsNoTracking()
            .ListedPage(PageNumber, PageSize)
            .Select(e => new ExamRow(e.Id, e.Title, e.Description, e.Questions.Count, e.UpdatedAt))
            .ToListAsync(cancellationToken);

        HasNextPage = rows.Count > PageSize;
        Exams = HasNextPage ? rows[..PageSize] : rows;
        if (User.UserId() is { } userId && Exams.Count > 0)
        {
            var ids = Exams.Select(e => e.Id).ToList();
            BestPercent = (await db.Attempts.AsNoTracking()
                    .Where(a => a.UserId == userId && a.Status == AttemptStatus.Submitted && ids.Contains(a.ExamId))
                    .GroupBy(a => a.ExamId)
                    .Select(g => new { ExamId = g.Key, Best = g.Max(a => (double?)a.Score / a.MaxScore) })
                    .ToListAsync(cancellationToken))
                .Where(b => b.Best is not null)
                .ToDictionary(b => b.ExamId, b => OnlineExam.Web.Attempts.Grade.Percentage(b.Best!.Value));
        }

        return Page();
    }

    public record ExamRow(int Id, string Title, string Description, int QuestionCount, DateTime UpdatedAt);
}
