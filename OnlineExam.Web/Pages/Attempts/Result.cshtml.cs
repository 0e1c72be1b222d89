using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Attempts;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Pages.Attempts;

[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class ResultModel(ExamDbContext db) : PageModel
{
    public AttemptResult Result { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int attemptId, CancellationToken cancellationToken)
    {
        var result = await LoadAsync(db, attemptId, User.UserId()!, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Submitted)
        {
            return RedirectToPage("/Attempts/Take", new { attemptId });
        }

        Result = result with { StatusMessage = StatusMessage };
        return Page();
    }

    /// <summary>Everything shown comes from what was recorded at grading, never from the exam as it is now.</summary>
    public static async Task<AttemptResult?> LoadAsync(ExamDbContext db, int attemptId, string userId, CancellationToken cancellationToken)
    {
        var attempt = await db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId && a.UserId == userId)
            .Select(a => new
            {
                a.ExamId,
                a.Exam!.Title,
                ExamRemoved = a.Exam.DeletedAt != null,
                a.Status,
                a.SubmittedAt,
                a.Score,
                a.MaxScore,
                Answers = a.Answers.Where(x => x.GradedPosition != null).OrderBy(x => x.GradedPosition)
                    .Select(x => new { x.GradedPosition, x.GradedQuestionText, x.GradedExplanation, x.Points, x.GradedChoices })
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var total = attempt.MaxScore ?? 0;
        return new AttemptResult(
            attemptId, attempt.ExamId, attempt.Title, attempt.ExamRemoved, attempt.Status == AttemptStatus.Submitted,
            attempt.SubmittedAt, attempt.Score ?? 0, total,
            [
                .. attempt.Answers.Select(x => new QuestionResult(
                    x.GradedPosition!.Value, total, x.GradedQuestionText ?? "", x.GradedExplanation ?? "", (x.Points ?? 0) > 0,
                    [.. x.GradedChoices.Select(c => new ChoiceResult(c.Text, c.IsCorrect, c.Selected))])),
            ],
            null);
    }
}

public record AttemptResult(
    int AttemptId, int ExamId, string ExamTitle, bool ExamRemoved, bool Submitted, DateTime? SubmittedAt,
    int Score, int MaxScore, IReadOnlyList<QuestionResult> Questions, string? StatusMessage)
{
    public int Percent => Grade.Percentage(Score, MaxScore);
}

public record QuestionResult(int Number, int Total, string Text, string Explanation, bool Correct, IReadOnlyList<ChoiceResult> Choices)
{
    public bool Answered => Choices.Any(c => c.Selected);
}

public record ChoiceResult(string Text, bool IsCorrect, bool Selected);
