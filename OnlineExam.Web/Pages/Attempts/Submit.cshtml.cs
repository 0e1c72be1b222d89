using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Attempts;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Pages.Attempts;

/// <summary>The confirmation step before grading, and the grading itself.</summary>
[Authorize]
public class SubmitModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    public Review Review { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] int attemptId, CancellationToken cancellationToken)
    {
        var review = await LoadReviewAsync(db, attemptId, User.UserId()!, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        if (review.Submitted)
        {
            return RedirectToPage("/Attempts/Result", new { attemptId });
        }

        Review = review;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int attemptId, CancellationToken cancellationToken)
    {
        var outcome = await Submission.SubmitAsync(db, attemptId, User.UserId()!, clock.GetUtcNow().UtcDateTime);
        if (outcome == SubmitOutcome.NotFound)
        {
            return NotFound();
        }

        if (!Request.IsHtmx())
        {
            return RedirectToPage("/Attempts/Result", new { attemptId });
        }

        var result = await ResultModel.LoadAsync(db, attemptId, User.UserId()!, cancellationToken);
        Response.Headers["HX-Push-Url"] = Url.Page("/Attempts/Result", new { attemptId });
        return Partial("_Result", result);
    }

    public static async Task<Review?> LoadReviewAsync(ExamDbContext db, int attemptId, string userId, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId && a.UserId == userId && a.Exam!.DeletedAt == null)
            .Select(a => new
            {
                a.ExamId,
                a.Exam!.Title,
                a.Status,
                Answered = a.Answers.Where(x => x.QuestionId != null && x.SelectedChoiceIds.Count > 0).Select(x => x.QuestionId!.Value).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.ExamId == attempt.ExamId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id)
            .Select(q => new { q.Id, q.Text })
            .ToListAsync(cancellationToken);
        var answered = attempt.Answered.ToHashSet();
        return new Review(attemptId, attempt.Title, attempt.Status == AttemptStatus.Submitted, questions.Count,
        [
            .. questions.Select((q, i) => (q, Number: i + 1)).Where(x => !answered.Contains(x.q.Id)).Select(x => new UnansweredQuestion(x.Number, x.q.Text)),
        ]);
    }
}

public record Review(int AttemptId, string ExamTitle, bool Submitted, int QuestionCount, IReadOnlyList<UnansweredQuestion> Unanswered);

public record UnansweredQuestion(int Number, string Text);
