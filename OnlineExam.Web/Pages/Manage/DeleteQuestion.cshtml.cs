using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Pages.Manage;

/// <summary>Asks before deleting a question, then deletes it and renumbers the rest.</summary>
public class DeleteQuestionModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    public QuestionItem Question { get; private set; } = null!;

    public string ExamTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, [FromRoute] int questionId, CancellationToken cancellationToken)
    {
        var list = await QuestionList.LoadAsync(db, id, User.UserId()!, cancellationToken);
        var item = list?.Items.FirstOrDefault(i => i.Id == questionId);
        if (item is null)
        {
            return NotFound();
        }

        Question = item;
        ExamTitle = await db.Exams.Where(e => e.Id == id).Select(e => e.Title).SingleAsync(cancellationToken);
        return Request.IsHtmx() ? Partial("_DeleteQuestionConfirm", this) : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id, [FromRoute] int questionId, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            var questions = await db.OwnedQuestionsInOrderAsync(id, userId, cancellationToken);
            var doomed = questions.FirstOrDefault(q => q.Id == questionId);
            if (doomed is null)
            {
                return NotFound();
            }

            db.Questions.Remove(doomed);
            questions.Remove(doomed);
            questions.Renumber();

            await db.SaveChangesAsync(cancellationToken);
            await db.TouchAsync(id, userId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (Request.IsHtmx())
        {
            var list = await QuestionList.LoadAsync(db, id, userId, cancellationToken);
            return Partial("_QuestionList", list! with { Message = "Question deleted." });
        }

        TempData[nameof(EditModel.StatusMessage)] = "Question deleted.";
        return RedirectToPage("/Manage/Edit", new { id });
    }
}
