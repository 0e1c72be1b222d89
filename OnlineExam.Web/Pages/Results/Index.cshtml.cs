using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Attempts;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Pages.Results;

/// <summary>The signed-in user's attempts, newest first.</summary>
[Authorize]
public class IndexModel(ExamDbContext db) : PageModel
{
    public const int Limit = 200;

    public IReadOnlyList<AttemptRow> Attempts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        Attempts = await db.Attempts.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id)
            .Take(Limit)
            .Select(a => new AttemptRow(a.Id, a.ExamId, a.Exam!.Title, a.Exam.DeletedAt != null, a.Status, a.StartedAt, a.SubmittedAt, a.Score, a.MaxScore))
            .ToListAsync(cancellationToken);
    }

    public record AttemptRow(int Id, int ExamId, string ExamTitle, bool ExamRemoved, AttemptStatus Status, DateTime StartedAt, DateTime? SubmittedAt, int? Score, int? MaxScore)
    {
        public int Percent => Grade.Percentage(Score ?? 0, MaxScore ?? 0);
    }
}
