using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;

namespace OnlineExam.Web.Pages.Manage;

/// <summary>The author's own exams, drafts and published.</summary>
public class IndexModel(ExamDbContext db) : PageModel
{
    public IReadOnlyList<ExamRow> Exams { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        Exams = await db.Exams.AsNoTracking()
            .OwnedBy(userId)
            .OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id)
            .Select(e => new ExamRow(
                e.Id,
                e.Title,
                e.Published,
                e.Questions.Count,
                db.Attempts.Count(a => a.ExamId == e.Id && a.Status == AttemptStatus.Submitted),
                db.Attempts.Where(a => a.ExamId == e.Id && a.Status == AttemptStatus.Submitted).Average(a => (double?)a.Score / a.MaxScore),
                e.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public record ExamRow(int Id, string Title, bool Published, int QuestionCount, int AttemptCount, double? AverageRatio, DateTime UpdatedAt)
    {
        public string Average => AverageRatio is { } ratio ? $"{OnlineExam.Web.Attempts.Grade.Percentage(ratio)}%" : "–";
    }
}
