using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Pages.Manage;

/// <summary>Adds or edits one question. With htmx the form swaps in place of the question and back.</summary>
public class QuestionModel(ExamDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    public QuestionForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, [FromRoute] int? questionId, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        var examTitle = await db.Exams.AsNoTracking().OwnedBy(userId).Where(e => e.Id == id).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        if (examTitle is null)
        {
            return NotFound();
        }

        if (questionId is { } existingId)
        {
            var question = await db.Questions.AsNoTracking()
                .Where(q => q.Id == existingId && q.ExamId == id)
                .Select(q => new
                {
                    q.Text,
                    q.Explanation,
                    q.Kind,
                    Choices = q.Choices.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new ChoiceInput { Id = c.Id, Text = c.Text, Correct = c.IsCorrect }).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (question is null)
            {
                return NotFound();
            }

            Input = new QuestionInput { Text = question.Text, Explanation = question.Explanation, Kind = ExamRules.KindName(question.Kind), Choices = question.Choices };
        }
        else
        {
            Input = QuestionInput.Blank();
        }

        return Show(id, questionId, examTitle);
    }

    /// <summary>htmx "Cancel": the question as it is stored.</summary>
    public async Task<IActionResult> OnGetItemAsync([FromRoute] int id, [FromRoute] int questionId, CancellationToken cancellationToken)
    {
        var list = await QuestionList.LoadAsync(db, id, User.UserId()!, cancellationToken);
        var item = list?.Items.FirstOrDefault(i => i.Id == questionId);
        return item is null ? NotFound() : Partial("_QuestionItem", item);
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id, [FromRoute] int? questionId, CancellationToken cancellationToken)
    {
        var userId = User.UserId()!;
        var exam = await db.Exams.AsNoTracking().OwnedBy(userId).Where(e => e.Id == id)
            .Select(e => new { e.Title, Count = e.Questions.Count })
            .SingleOrDefaultAsync(cancellationToken);
        if (exam is null)
        {
            return NotFound();
        }

        Input.Choices ??= [];
        Validate(questionId is null && exam.Count >= ExamRules.MaxQuestions);
        if (!ModelState.IsValid)
        {
            return Show(id, questionId, exam.Title);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        int savedId;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            Question question;
            if (questionId is { } existingId)
            {
                var found = await db.Questions.Include(q => q.Choices).SingleOrDefaultAsync(q => q.Id == existingId && q.ExamId == id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                question = found;
            }
            else
            {
                var last = await db.Questions.Where(q => q.ExamId == id).MaxAsync(q => (int?)q.Position, cancellationToken) ?? 0;
                question = new Question { ExamId = id, Position = last + 1, Text = "" };
                db.Questions.Add(question);
            }

            Apply(question);
            await db.SaveChangesAsync(cancellationToken);
            await db.TouchAsync(id, userId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            savedId = question.Id;
        }

        if (Request.IsHtmx())
        {
            // The form sat in the question's place; the answer is the whole, renumbered list.
            Response.Headers["HX-Retarget"] = "#questions";
            Response.Headers["HX-Reswap"] = "outerHTML";
            var list = await QuestionList.LoadAsync(db, id, userId, cancellationToken);
            return Partial("_QuestionList", list! with { Message = questionId is null ? "Question added." : "Question saved.", ClearNewQuestionSlot = questionId is null });
        }

        TempData[nameof(EditModel.StatusMessage)] = questionId is null ? "Question added." : "Question saved.";
        return Redirect($"{Url.Page("/Manage/Edit", new { id })}#question-{savedId}");
    }

    /// <summary>Adds a blank choice row, keeping everything typed so far.</summary>
    public async Task<IActionResult> OnPostAddChoiceAsync([FromRoute] int id, [FromRoute] int? questionId, CancellationToken cancellationToken)
    {
        Input.Choices ??= [];
        if (Input.Choices.Count < ExamRules.MaxChoices)
        {
            Input.Choices.Add(new ChoiceInput());
        }

        ModelState.Clear();
        return await RedisplayAsync(id, questionId, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveChoiceAsync([FromRoute] int id, [FromRoute] int? questionId, [FromQuery] int index, CancellationToken cancellationToken)
    {
        Input.Choices ??= [];
        if (index >= 0 && index < Input.Choices.Count && Input.Choices.Count > ExamRules.MinChoices)
        {
            Input.Choices.RemoveAt(index);
        }

        ModelState.Clear();
        return await RedisplayAsync(id, questionId, cancellationToken);
    }

    private async Task<IActionResult> RedisplayAsync(int id, int? questionId, CancellationToken cancellationToken)
    {
        var examTitle = await db.Exams.AsNoTracking().OwnedBy(User.UserId()!).Where(e => e.Id == id).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        if (examTitle is null || (questionId is { } existing && !await db.Questions.AnyAsync(q => q.Id == existing && q.ExamId == id, cancellationToken)))
        {
            return NotFound();
        }

        return Show(id, questionId, examTitle);
    }

    private IActionResult Show(int id, int? questionId, string examTitle)
    {
        Form = new QuestionForm(id, questionId, examTitle, Input);
        return Request.IsHtmx() ? Partial("_QuestionForm", this) : Page();
    }

    private void Validate(bool examFull)
    {
        if (examFull)
        {
            ModelState.AddModelError("Input", $"An exam has at most {ExamRules.MaxQuestions} questions.");
        }

        var errors = new Dictionary<string, string[]>();
        ExamRules.ValidateQuestion(Input.ToDocument(), "question", errors);
        foreach (var (path, messages) in errors)
        {
            ModelState.AddModelError(ExamQueries.ToFieldName(path, "question.", "Input"), messages[0]);
        }
    }

    /// <summary>Updates choices in place by id so saved answers keep pointing at them; ids from elsewhere become new rows.</summary>
    private void Apply(Question question)
    {
        question.Text = Input.Text!.Trim();
        question.Explanation = Input.Explanation?.Trim() ?? "";
        question.Kind = ExamRules.ParseKind(Input.Kind)!.Value;
        var existing = question.Choices.ToDictionary(c => c.Id);
        var kept = new List<Choice>();
        for (var i = 0; i < Input.Choices.Count; i++)
        {
            var posted = Input.Choices[i];
            if (posted.Id is not { } choiceId || !existing.Remove(choiceId, out var choice))
            {
                choice = new Choice { Text = "" };
                question.Choices.Add(choice);
            }

            choice.Position = i + 1;
            choice.Text = posted.Text!.Trim();
            choice.IsCorrect = posted.Correct;
            kept.Add(choice);
        }

        foreach (var removed in existing.Values)
        {
            question.Choices.Remove(removed);
            db.Choices.Remove(removed);
        }
    }
}

public record QuestionForm(int ExamId, int? QuestionId, string ExamTitle, QuestionInput Input);

public class QuestionInput
{
    public string? Text { get; set; }

    public string? Explanation { get; set; }

    public string? Kind { get; set; }

    public List<ChoiceInput> Choices { get; set; } = [];

    public static QuestionInput Blank() => new() { Kind = ExamRules.SingleKind, Choices = [new(), new(), new()] };

    public QuestionDocument ToDocument() =>
        new(Text, Kind, [.. Choices.Select(c => (ChoiceDocument?)new ChoiceDocument(c.Text, c.Correct))], Explanation);
}

public class ChoiceInput
{
    public int? Id { get; set; }

    public string? Text { get; set; }

    public bool Correct { get; set; }
}
