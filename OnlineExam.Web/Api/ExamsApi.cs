using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;
using OnlineExam.Web.Exams;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Api;

/// <summary>
/// /api/exams for scripts. Reads are public; writes need a bearer token with create:exams.
/// Another author's exam answers 403; an unknown or deleted one 404.
/// </summary>
public static class ExamsApi
{
    public const int MaxPageSize = 100;

    public static WebApplication MapExamsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/exams").WithTags("Exams");
        group.MapGet("/", ListAsync).AllowAnonymous().CacheOutput(SiteServices.PublicPages).WithName("ListExams").WithSummary("Published exams, newest first, paged.");
        group.MapGet("/{id:int}", GetAsync).AllowAnonymous().WithName("GetExam")
            .WithSummary("An exam with its questions and choices; its author's token also sees the correct choices and explanations.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.ApiCreateExams).RequireRateLimiting(RateLimits.ApiWrites).WithName("CreateExam")
            .WithSummary("Creates an exam from a whole document, in one transaction.")
            .WithMetadata(new JsonBodyMetadata(typeof(ExamDocument)))
            .Produces<ExamDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPut("/{id:int}", ReplaceAsync).RequireAuthorization(Policies.ApiCreateExams).RequireRateLimiting(RateLimits.ApiWrites).WithName("ReplaceExam")
            .WithSummary("Replaces the author's exam with a whole document. Graded attempts keep their recorded results.")
            .WithMetadata(new JsonBodyMetadata(typeof(ExamDocument)))
            .Produces<ExamDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(Policies.ApiCreateExams).RequireRateLimiting(RateLimits.ApiWrites).WithName("DeleteExam")
            .WithSummary("Removes the author's exam from every list. Graded attempts keep their recorded results.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:int}/results", ResultsAsync).RequireAuthorization(Policies.ApiUser).WithName("ExamResults")
            .WithSummary("The graded attempts of the author's exam, newest first, paged.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public record ExamSummary(int Id, string Title, string Description, int QuestionCount, DateTime CreatedAt, DateTime UpdatedAt, string LastUpdatedBy);

    public record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, bool HasMore);

    public record ExamDetail(
        int Id, string Title, string Description, bool Published, DateTime CreatedAt, DateTime UpdatedAt, string CreatedBy, string LastUpdatedBy,
        IReadOnlyList<QuestionDetail> Questions);

    /// <param name="Explanation">Only for the exam's author.</param>
    public record QuestionDetail(int Id, int Position, string Text, string Kind, string? Explanation, IReadOnlyList<ChoiceDetail> Choices);

    /// <param name="Correct">Only for the exam's author.</param>
    public record ChoiceDetail(int Id, string Text, bool? Correct);

    public record AttemptResult(int AttemptId, string UserName, DateTime? SubmittedAt, int Score, int MaxScore, int Percent);

    private static async Task<Results<Ok<PageOf<ExamSummary>>, ValidationProblem>> ListAsync(ExamDbContext db, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        if (PagingErrors(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await db.Exams.AsNoTracking()
            .ListedPage(page, pageSize)
            .Select(e => new ExamSummary(e.Id, e.Title, e.Description, e.Questions.Count, e.CreatedAt, e.UpdatedAt, e.LastUpdatedBy))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(ToPage(rows, page, pageSize));
    }

    private static async Task<Results<Ok<ExamDetail>, NotFound, ChallengeHttpResult>> GetAsync(int id, HttpContext context, ExamDbContext db, CancellationToken cancellationToken)
    {
        // Public, but a token, when sent, must be valid: its holder may be the author.
        string? caller = null;
        if (context.Request.Headers.Authorization.Count > 0)
        {
            var auth = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!auth.Succeeded)
            {
                return TypedResults.Challenge(authenticationSchemes: [JwtBearerDefaults.AuthenticationScheme]);
            }

            caller = auth.Principal.UserId();
        }

        var exam = await LoadDetailAsync(db, id, caller, cancellationToken);
        return exam is null ? TypedResults.NotFound() : TypedResults.Ok(exam);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ExamDbContext db, TimeProvider clock, LinkGenerator links, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        var (document, error) = await ReadDocumentAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var subject = request.HttpContext.User.UserId()!;
        var now = clock.GetUtcNow().UtcDateTime;
        var exam = new Exam
        {
            Title = document!.Title!.Trim(),
            Description = document.Description?.Trim() ?? "",
            Published = document.Published ?? true,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = subject,
            LastUpdatedBy = subject,
            Questions = ExamRules.ToQuestions(document.Questions ?? []),
        };
        db.Exams.Add(exam);
        await db.WriteAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        await cache.ExamsChangedAsync(cancellationToken);

        var created = await LoadDetailAsync(db, exam.Id, subject, cancellationToken);
        return TypedResults.Created(links.GetUriByName(request.HttpContext, "GetExam", new { id = exam.Id }), created);
    }

    private static async Task<IResult> ReplaceAsync(int id, HttpRequest request, ExamDbContext db, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        var subject = request.HttpContext.User.UserId()!;
        if (await OwnershipAsync(db, id, subject, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (document, error) = await ReadDocumentAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var changed = await db.Exams
                .Where(e => e.Id == id && e.CreatedBy == subject && e.DeletedAt == null)
                .ExecuteUpdateAsync(e => e
                    .SetProperty(x => x.Title, document!.Title!.Trim())
                    .SetProperty(x => x.Description, document.Description == null ? "" : document.Description.Trim())
                    .SetProperty(x => x.Published, document.Published ?? true)
                    .SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.LastUpdatedBy, subject), cancellationToken);
            if (changed == 0)
            {
                return TypedResults.NotFound();
            }

            // Graded attempts keep their snapshot; saved answers of replaced questions lose their question.
            await db.Questions.Where(q => q.ExamId == id).ExecuteDeleteAsync(cancellationToken);
            var questions = ExamRules.ToQuestions(document!.Questions ?? []);
            foreach (var question in questions)
            {
                question.ExamId = id;
            }

            db.Questions.AddRange(questions);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await cache.ExamsChangedAsync(cancellationToken);
        return TypedResults.Ok(await LoadDetailAsync(db, id, subject, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext context, ExamDbContext db, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        var subject = context.User.UserId()!;
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = await db.WriteAsync(() => db.Exams
            .Where(e => e.Id == id && e.CreatedBy == subject && e.DeletedAt == null)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.DeletedAt, now).SetProperty(x => x.LastUpdatedBy, subject), cancellationToken), cancellationToken);
        if (deleted == 1)
        {
            await cache.ExamsChangedAsync(cancellationToken);
            return TypedResults.NoContent();
        }

        return await OwnershipAsync(db, id, subject, cancellationToken) ?? TypedResults.NotFound();
    }

    private static async Task<IResult> ResultsAsync(int id, HttpContext context, ExamDbContext db, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (PagingErrors(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await OwnershipAsync(db, id, context.User.UserId()!, cancellationToken, includeDeleted: true) is { } denied)
        {
            return denied;
        }

        var rows = await db.Attempts.AsNoTracking()
            .Where(a => a.ExamId == id && a.Status == AttemptStatus.Submitted)
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Select(a => new { a.Id, a.UserName, a.SubmittedAt, Score = a.Score ?? 0, MaxScore = a.MaxScore ?? 0 })
            .ToListAsync(cancellationToken);
        var results = rows.Select(a => new AttemptResult(a.Id, a.UserName, a.SubmittedAt, a.Score, a.MaxScore, Attempts.Grade.Percentage(a.Score, a.MaxScore))).ToList();
        return TypedResults.Ok(ToPage(results, page, pageSize));
    }

    /// <summary>The request's exam document when it parses and obeys the rules; otherwise the problem to answer.</summary>
    private static async Task<(ExamDocument? Document, IResult? Error)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync<ExamDocument>(request, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        var errors = ExamRules.Validate(document!);
        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors)) : (document, null);
    }

    /// <summary>Null when the caller owns the exam; otherwise the 404 or 403 to answer.</summary>
    private static async Task<IResult?> OwnershipAsync(ExamDbContext db, int id, string subject, CancellationToken cancellationToken, bool includeDeleted = false)
    {
        var owner = await db.Exams.AsNoTracking()
            .Where(e => e.Id == id && (includeDeleted || e.DeletedAt == null))
            .Select(e => e.CreatedBy)
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return TypedResults.NotFound();
        }

        return owner == subject
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the exam's author can change it or see its results.");
    }

    private static async Task<ExamDetail?> LoadDetailAsync(ExamDbContext db, int id, string? caller, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking()
            .Where(e => e.Id == id && e.DeletedAt == null && (e.Published || e.CreatedBy == caller))
            .Select(e => new
            {
                e.Id, e.Title, e.Description, e.Published, e.CreatedAt, e.UpdatedAt, e.CreatedBy, e.LastUpdatedBy,
                Questions = e.Questions.OrderBy(q => q.Position).ThenBy(q => q.Id).Select(q => new
                {
                    q.Id, q.Position, q.Text, q.Kind, q.Explanation,
                    Choices = q.Choices.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new { c.Id, c.Text, c.IsCorrect }).ToList(),
                }).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (exam is null)
        {
            return null;
        }

        var author = exam.CreatedBy == caller;
        return new ExamDetail(exam.Id, exam.Title, exam.Description, exam.Published, exam.CreatedAt, exam.UpdatedAt, exam.CreatedBy, exam.LastUpdatedBy,
        [
            .. exam.Questions.Select((q, i) => new QuestionDetail(q.Id, i + 1, q.Text, ExamRules.KindName(q.Kind), author ? q.Explanation : null,
                [.. q.Choices.Select(c => new ChoiceDetail(c.Id, c.Text, author ? c.IsCorrect : null))])),
        ]);
    }

    private static Dictionary<string, string[]>? PagingErrors(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page must be 1 or more."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        return errors.Count > 0 ? errors : null;
    }

    private static PageOf<T> ToPage<T>(List<T> rows, int page, int pageSize) =>
        new(rows.Count > pageSize ? rows[..pageSize] : rows, page, pageSize, rows.Count > pageSize);
}
