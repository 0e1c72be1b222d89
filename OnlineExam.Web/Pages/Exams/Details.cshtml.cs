using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;

namespace OnlineExam.Web.Pages.Exams;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = OnlineExam.Web.Hosting.SiteServices.PublicPages)]
public class DetailsModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    public ExamView Exam { get; private set; } = null!;

    public MyProgress? Mine { get; private set; }

    // Not a [TempData] property: loading TempData makes every response clear its cookie, and a
    // response that sets a cookie cannot be output-cached. Only signed-in users ever get a message.
    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking()
            .Listed().Where(e => e.Id == id)
            .Select(e => new ExamView(
                e.Id,
                e.Title,
                e.Description,
                e.UpdatedAt,
                e.Questions.OrderBy(q => q.Position).Select(q => new QuestionView(q.Id, q.Text, q.Kind)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);

        if (exam is null)
        {
            return NotFound();
        }

        Exam = exam;
        if (User.UserId() is { } userId)
        {
            StatusMessage = TempData[nameof(StatusMessage)] as string;
            Mine = await db.Attempts.AsNoTracking()
                .Where(a => a.ExamId == id && a.UserId == userId)
                .GroupBy(a => a.ExamId)
                .Select(g => new MyProgress(
                    g.Any(a => a.Status == AttemptStatus.InProgress),
                    g.Where(a => a.Status == AttemptStatus.Submitted).Max(a => (double?)a.Score / a.MaxScore)))
                .SingleOrDefaultAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync([FromRoute] int id, CancellationToken cancellationToken)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        var exam = await db.Exams.AsNoTracking()
            .Listed().Where(e => e.Id == id)
            .Select(e => new { HasQuestions = e.Questions.Any() })
            .SingleOrDefaultAsync(cancellationToken);
        if (exam is null)
        {
            return NotFound();
        }

        if (!exam.HasQuestions)
        {
            TempData[nameof(StatusMessage)] = "This exam has no questions yet, so it cannot be started.";
            return RedirectToPage(new { id });
        }

        var attemptId = await FindUnfinishedAsync(id, userId, cancellationToken);
        if (attemptId is null)
        {
            var attempt = new Attempt
            {
                ExamId = id,
                UserId = userId,
                UserName = User.DisplayName(),
                Status = AttemptStatus.InProgress,
                StartedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Attempts.Add(attempt);
            try
            {
                await db.WriteAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
                attemptId = attempt.Id;
            }
            catch (DbUpdateException)
            {
                // A second "Start" raced this one; the unique index kept one attempt: resume it.
                db.ChangeTracker.Clear();
                attemptId = await FindUnfinishedAsync(id, userId, cancellationToken) ?? throw new InvalidOperationException("Could not start the attempt.");
            }
        }

        return RedirectToPage("/Attempts/Take", new { attemptId });
    }

    private Task<int?> FindUnfinishedAsync(int examId, string userId, CancellationToken cancellationToken) =>
        db.Attempts.Where(a => a.ExamId == examId && a.UserId == userId && a.Status == AttemptStatus.InProgress)
            .Select(a => (int?)a.Id)
            .SingleOrDefaultAsync(cancellationToken);

    public record ExamView(int Id, string Title, string Description, DateTime UpdatedAt, IReadOnlyList<QuestionView> Questions);

    public record QuestionView(int Id, string Text, QuestionKind Kind);

    public record MyProgress(bool HasUnfinished, double? BestRatio)
    {
        public int? BestPercent => BestRatio is { } ratio ? OnlineExam.Web.Attempts.Grade.Percentage(ratio) : null;
    }
}
