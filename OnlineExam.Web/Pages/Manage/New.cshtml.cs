using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;

namespace OnlineExam.Web.Pages.Manage;

/// <summary>A new exam starts as a draft that only its author sees.</summary>
public class NewModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ExamInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ExamInput.Validate(Input, ModelState))
        {
            return Page();
        }

        var userId = User.UserId()!;
        var now = clock.GetUtcNow().UtcDateTime;
        var exam = new Exam
        {
            Title = Input.Title!.Trim(),
            Description = Input.Description?.Trim() ?? "",
            Published = false,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = userId,
            LastUpdatedBy = userId,
        };
        db.Exams.Add(exam);
        await db.WriteAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        TempData[nameof(EditModel.StatusMessage)] = "Exam created as a draft. Add questions, then publish it.";
        return RedirectToPage("/Manage/Edit", new { id = exam.Id });
    }
}

public class ExamInput
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Title")]
    public string? Title { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Description (optional)")]
    public string? Description { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Published: anyone can find and take this exam")]
    public bool Published { get; set; }

    /// <summary>Applies the exam rules shared with the API; false when the form has errors.</summary>
    public static bool Validate(ExamInput input, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        var errors = new Dictionary<string, string[]>();
        ExamRules.ValidateExam(input.Title, input.Description, errors);
        foreach (var (path, messages) in errors)
        {
            modelState.AddModelError(ExamQueries.ToFieldName(path, "", "Input"), messages[0]);
        }

        return modelState.IsValid;
    }
}
