using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;

namespace OnlineExam.Web.Pages.Manage;

/// <summary>Removes an exam from every list after a confirmation; graded attempts keep their results.</summary>
public class DeleteModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    public string Title { get; private set; } = "";

    public int AttemptCount { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking().OwnedBy(User.UserId()!).Where(e => e.Id == id)
            .Select(e => new { e.Title, Attempts = db.Attempts.Count(a => a.ExamId == e.Id && a.Status == AttemptStatus.Submitted) })
            .SingleOrDefaultAsync(cancellationToken);
        if (exam is null)
        {
            return NotFound();
        }

        (Title, AttemptCount) = (exam.Title, exam.Attempts);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        var now = clock.GetUtcNow().UtcDateTime;
        var title = await db.Exams.OwnedBy(userId).Where(e => e.Id == id).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        var removed = await db.WriteAsync(() => db.Exams.OwnedBy(userId).Where(e => e.Id == id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.DeletedAt, now).SetProperty(x => x.LastUpdatedBy, userId), cancellationToken), cancellationToken);
        if (removed == 0)
        {
            return NotFound();
        }

        TempData[nameof(IndexModel.StatusMessage)] = $"“{title}” was removed.";
        return RedirectToPage("/Manage/Index");
    }
}
