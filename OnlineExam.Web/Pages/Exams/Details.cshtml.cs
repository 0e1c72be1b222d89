using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Pages.Exams;

public class DetailsModel(ExamDbContext db) : PageModel
{
    public ExamView Exam { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking()
            .Where(e => e.Id == id && e.Published && e.DeletedAt == null)
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
        return Page();
    }

    public record ExamView(int Id, string Title, string Description, DateTime UpdatedAt, IReadOnlyList<QuestionView> Questions);

    public record QuestionView(int Id, string Text, QuestionKind Kind);
}
