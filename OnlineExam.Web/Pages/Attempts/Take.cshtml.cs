using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Attempts;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Pages.Attempts;

[Authorize]
public class TakeModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    public AttemptSheet Sheet { get; private set; } = null!;

    [BindProperty]
    public List<AnswerInput> Answers { get; set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int attemptId, CancellationToken cancellationToken)
    {
        var sheet = await LoadAsync(attemptId, cancellationToken);
        if (sheet is null)
        {
            return NotFound();
        }

        if (sheet.Status == AttemptStatus.Submitted)
        {
            return RedirectToPage("/Attempts/Result", new { attemptId });
        }

        Sheet = sheet;
        return Page();
    }

    /// <summary>"Save answers" without JavaScript: the whole form, then back to the page.</summary>
    public async Task<IActionResult> OnPostSaveAsync([FromRoute] int attemptId, CancellationToken cancellationToken)
    {
        var result = await SaveAllAsync(attemptId, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => Saved(attemptId),
            _ => await FailedAsync(attemptId, result, cancellationToken),
        };
    }

    /// <summary>"Submit for grading": save the form, then the confirmation step.</summary>
    public async Task<IActionResult> OnPostReviewAsync([FromRoute] int attemptId, CancellationToken cancellationToken)
    {
        var result = await SaveAllAsync(attemptId, cancellationToken);
        if (result.Outcome != SaveOutcome.Saved)
        {
            return await FailedAsync(attemptId, result, cancellationToken);
        }

        if (!Request.IsHtmx())
        {
            return RedirectToPage("/Attempts/Submit", new { attemptId });
        }

        var review = await SubmitModel.LoadReviewAsync(db, attemptId, User.UserId()!, cancellationToken);
        Response.Headers["HX-Push-Url"] = Url.Page("/Attempts/Submit", new { attemptId });
        return Partial("_Confirm", review);
    }

    /// <summary>htmx: one question saved as soon as it changes.</summary>
    public async Task<IActionResult> OnPostSaveQuestionAsync([FromRoute] int attemptId, [FromQuery] int questionId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Request.IsHtmx()
                ? Status(StatusCodes.Status400BadRequest, "Not saved: the answer could not be read. Reload the page and try again.")
                : await FailedAsync(attemptId, new SaveResult(SaveOutcome.Invalid, "Some answers could not be read. Nothing was saved; please choose again."), cancellationToken);
        }

        var posted = Answers.FirstOrDefault(a => a.QuestionId == questionId) ?? new AnswerInput { QuestionId = questionId };
        var result = await AnswerSheet.SaveAsync(db, attemptId, User.UserId()!, [new PostedAnswer(posted.QuestionId, posted.ChoiceIds)], Now, cancellationToken);
        if (!Request.IsHtmx())
        {
            return result.Outcome == SaveOutcome.Saved ? Saved(attemptId) : await FailedAsync(attemptId, result, cancellationToken);
        }

        return result.Outcome switch
        {
            SaveOutcome.Saved => Status(StatusCodes.Status200OK, $"Saved at {result.SavedAt:HH:mm:ss} UTC", saved: true),
            SaveOutcome.AlreadySubmitted => Status(StatusCodes.Status409Conflict, result.Error!),
            SaveOutcome.Invalid => Status(StatusCodes.Status400BadRequest, "Not saved: " + result.Error),
            _ => NotFound(),
        };
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<SaveResult> SaveAllAsync(int attemptId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return new SaveResult(SaveOutcome.Invalid, "Some answers could not be read. Nothing was saved; please choose again.");
        }

        return await AnswerSheet.SaveAsync(db, attemptId, User.UserId()!, [.. Answers.Select(a => new PostedAnswer(a.QuestionId, a.ChoiceIds))], Now, cancellationToken);
    }

    private RedirectToPageResult Saved(int attemptId)
    {
        StatusMessage = "Your answers are saved.";
        return RedirectToPage(new { attemptId });
    }

    private async Task<IActionResult> FailedAsync(int attemptId, SaveResult result, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.AlreadySubmitted when Request.IsHtmx():
                return Status(StatusCodes.Status409Conflict, result.Error!);
            case SaveOutcome.AlreadySubmitted:
                TempData[nameof(ResultModel.StatusMessage)] = result.Error;
                return RedirectToPage("/Attempts/Result", new { attemptId });
        }

        var sheet = await LoadAsync(attemptId, cancellationToken);
        if (sheet is null)
        {
            return NotFound();
        }

        Sheet = sheet;
        ErrorMessage = result.Error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PartialViewResult Status(int statusCode, string message, bool saved = false)
    {
        Response.StatusCode = statusCode;
        return Partial("_SaveStatus", new SaveStatus(message, saved));
    }

    private async Task<AttemptSheet?> LoadAsync(int attemptId, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        var attempt = await db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId && a.UserId == userId && a.Exam!.DeletedAt == null)
            .Select(a => new { a.Id, a.ExamId, a.Exam!.Title, a.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.ExamId == attempt.ExamId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id)
            .Select(q => new
            {
                q.Id,
                q.Text,
                q.Kind,
                Choices = q.Choices.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new ChoiceView(c.Id, c.Text)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var saved = await db.AttemptAnswers.AsNoTracking()
            .Where(a => a.AttemptId == attemptId && a.QuestionId != null)
            .Select(a => new { QuestionId = a.QuestionId!.Value, a.SelectedChoiceIds })
            .ToDictionaryAsync(a => a.QuestionId, a => a.SelectedChoiceIds, cancellationToken);

        return new AttemptSheet(attempt.Id, attempt.ExamId, attempt.Title, attempt.Status,
        [
            .. questions.Select((q, i) => new QuestionSheet(
                q.Id, i + 1, q.Text, q.Kind, q.Choices,
                saved.TryGetValue(q.Id, out var selected) ? [.. selected] : new HashSet<int>())),
        ]);
    }

    public class AnswerInput
    {
        public int QuestionId { get; set; }

        public List<int> ChoiceIds { get; set; } = [];
    }

    public record AttemptSheet(int AttemptId, int ExamId, string ExamTitle, AttemptStatus Status, IReadOnlyList<QuestionSheet> Questions);

    public record QuestionSheet(int Id, int Number, string Text, QuestionKind Kind, IReadOnlyList<ChoiceView> Choices, IReadOnlySet<int> Selected);

    public record ChoiceView(int Id, string Text);

    public record SaveStatus(string Message, bool Saved);
}
