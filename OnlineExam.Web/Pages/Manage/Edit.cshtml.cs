using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Pages.Manage;

/// <summary>An exam's details and its question list: reorder here, edit and delete through the question pages.</summary>
public class EditModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ExamInput Input { get; set; } = new();

    public QuestionList Questions { get; private set; } = null!;

    public bool Published { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking().OwnedBy(User.UserId()!)
            .Where(e => e.Id == id)
            .Select(e => new { e.Title, e.Description, e.Published })
            .SingleOrDefaultAsync(cancellationToken);
        if (exam is null)
        {
            return NotFound();
        }

        Input = new ExamInput { Title = exam.Title, Description = exam.Description, Published = exam.Published };
        Published = exam.Published;
        Questions = (await QuestionList.LoadAsync(db, id, User.UserId()!, cancellationToken))!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        if (!ExamInput.Validate(Input, ModelState))
        {
            var questions = await QuestionList.LoadAsync(db, id, userId, cancellationToken);
            if (questions is null)
            {
                return NotFound();
            }

            Questions = questions;
            Published = await db.Exams.Where(e => e.Id == id).Select(e => e.Published).SingleAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.WriteAsync(() => db.Exams.OwnedBy(userId).Where(e => e.Id == id)
            .ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Title, Input.Title!.Trim())
                .SetProperty(x => x.Description, Input.Description == null ? "" : Input.Description.Trim())
                .SetProperty(x => x.Published, Input.Published)
                .SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.LastUpdatedBy, userId), cancellationToken), cancellationToken);
        if (changed == 0)
        {
            return NotFound();
        }

        StatusMessage = Input.Published ? "Exam saved and published." : "Exam saved as a draft.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMoveAsync([FromRoute] int id, [FromQuery] int questionId, [FromQuery] string? direction, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        if (direction is not ("up" or "down"))
        {
            return BadRequest();
        }

        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            var order = await db.OwnedQuestionsInOrderAsync(id, userId, cancellationToken);
            var index = order.FindIndex(q => q.Id == questionId);
            if (index < 0)
            {
                return NotFound();
            }

            var other = direction == "up" ? index - 1 : index + 1;
            if (other >= 0 && other < order.Count)
            {
                (order[index], order[other]) = (order[other], order[index]);
                order.Renumber();

                await db.SaveChangesAsync(cancellationToken);
                await db.TouchAsync(id, userId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (Request.IsHtmx())
        {
            var list = await QuestionList.LoadAsync(db, id, userId, cancellationToken);
            return Partial("_QuestionList", list! with { Message = direction == "up" ? "Question moved up." : "Question moved down." });
        }

        StatusMessage = direction == "up" ? "Question moved up." : "Question moved down.";
        return RedirectToPage(new { id });
    }
}

public record QuestionList(int ExamId, IReadOnlyList<QuestionItem> Items, string? Message = null, bool ClearNewQuestionSlot = false)
{
    public static async Task<QuestionList?> LoadAsync(ExamDbContext db, int examId, string userId, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking().OwnedBy(userId)
            .Where(e => e.Id == examId)
            .Select(e => new
            {
                Questions = e.Questions.OrderBy(q => q.Position).ThenBy(q => q.Id).Select(q => new
                {
                    q.Id,
                    q.Text,
                    q.Kind,
                    Choices = q.Choices.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new ChoiceItem(c.Text, c.IsCorrect)).ToList(),
                }).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        return exam is null
            ? null
            : new QuestionList(examId, [.. exam.Questions.Select((q, i) => new QuestionItem(examId, q.Id, i + 1, exam.Questions.Count, q.Text, q.Kind, q.Choices))]);
    }
}

public record QuestionItem(int ExamId, int Id, int Number, int Total, string Text, QuestionKind Kind, IReadOnlyList<ChoiceItem> Choices);

public record ChoiceItem(string Text, bool IsCorrect);
