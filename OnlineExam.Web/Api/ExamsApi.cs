using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Api;

public static class ExamsApi
{
    public const int MaxPageSize = 100;

    public static WebApplication MapExamsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/exams").WithTags("Exams");
        group.MapGet("/", ListAsync).AllowAnonymous();
        group.MapGet("/{id:int}", GetAsync).AllowAnonymous().WithName("GetExam");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.ApiCreateExams);
        return app;
    }

    public record ExamSummary(int Id, string Title, string Description, int QuestionCount, DateTime CreatedAt, DateTime UpdatedAt, string LastUpdatedBy);

    public record ExamDto(int Id, string Title, string Description, bool Published, int QuestionCount, DateTime CreatedAt, DateTime UpdatedAt, string CreatedBy, string LastUpdatedBy);

    public record CreateExamRequest(string? Title, string? Description, bool? Published);

    public record ExamPage(IReadOnlyList<ExamSummary> Items, int Page, int PageSize, bool HasMore);

    private static async Task<Results<Ok<ExamPage>, ValidationProblem>> ListAsync(ExamDbContext db, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page must be 1 or more."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await db.Exams.AsNoTracking()
            .Where(e => e.Published && e.DeletedAt == null)
            .OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Select(e => new ExamSummary(e.Id, e.Title, e.Description, e.Questions.Count, e.CreatedAt, e.UpdatedAt, e.LastUpdatedBy))
            .ToListAsync(cancellationToken);

        var hasMore = rows.Count > pageSize;
        return TypedResults.Ok(new ExamPage(hasMore ? rows[..pageSize] : rows, page, pageSize, hasMore));
    }

    private static async Task<Results<Ok<ExamDto>, NotFound>> GetAsync(int id, ExamDbContext db, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking()
            .Where(e => e.Id == id && e.Published && e.DeletedAt == null)
            .Select(ToDto)
            .SingleOrDefaultAsync(cancellationToken);
        return exam is null ? TypedResults.NotFound() : TypedResults.Ok(exam);
    }

    private static async Task<Results<Created<ExamDto>, ValidationProblem>> CreateAsync(
        CreateExamRequest request, ClaimsPrincipal user, ExamDbContext db, TimeProvider clock, LinkGenerator links, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0) errors["title"] = ["The title is required."];
        else if (title.Length > ExamDbContext.TitleMaxLength) errors["title"] = [$"The title must be {ExamDbContext.TitleMaxLength} characters or fewer."];
        var description = request.Description?.Trim() ?? "";
        if (description.Length > ExamDbContext.TextMaxLength) errors["description"] = [$"The description must be {ExamDbContext.TextMaxLength} characters or fewer."];
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var subject = user.FindFirstValue("sub")!;
        var now = clock.GetUtcNow().UtcDateTime;
        var exam = new Exam
        {
            Title = title,
            Description = description,
            Published = request.Published ?? true,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = subject,
            LastUpdatedBy = subject,
        };
        db.Exams.Add(exam);
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created(links.GetUriByName(context, "GetExam", new { id = exam.Id }), new ExamDto(exam.Id, exam.Title, exam.Description, exam.Published, 0, exam.CreatedAt, exam.UpdatedAt, exam.CreatedBy, exam.LastUpdatedBy));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Exam, ExamDto>> ToDto = e =>
        new ExamDto(e.Id, e.Title, e.Description, e.Published, e.Questions.Count, e.CreatedAt, e.UpdatedAt, e.CreatedBy, e.LastUpdatedBy);
}
