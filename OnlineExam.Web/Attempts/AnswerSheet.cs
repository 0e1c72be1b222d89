using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Attempts;

public record PostedAnswer(int QuestionId, IReadOnlyCollection<int> ChoiceIds);

public enum SaveOutcome
{
    Saved,
    NotFound,
    AlreadySubmitted,
    Invalid,
}

public record SaveResult(SaveOutcome Outcome, string? Error = null, DateTime? SavedAt = null);

/// <summary>Stores a taker's selections: validated against the exam, upserted per question, in one transaction.</summary>
public static class AnswerSheet
{
    public const int MaxChoicesPerQuestion = 10;

    public static async Task<SaveResult> SaveAsync(ExamDbContext db, int attemptId, string userId, IReadOnlyCollection<PostedAnswer> answers, DateTime now, CancellationToken cancellationToken)
    {
        // The busiest write of the site is one statement per question: it saves only when the
        // attempt is this user's and unfinished, the question is in its exam, and every choice is
        // one of the question's (one at most for single-choice). When it saves nothing, the
        // checks run again one by one to say why. Being a write, it is ordered with grading.
        if (answers.Count > 0 && answers.All(a => a.ChoiceIds.Count <= MaxChoicesPerQuestion)
            && await db.WriteInGroupAsync(group => UpsertAllAsync(group, attemptId, userId, answers, now), saved => saved))
        {
            return new SaveResult(SaveOutcome.Saved, SavedAt: now);
        }

        return await WhyNotSavedAsync(db, attemptId, userId, answers, now, cancellationToken);
    }

    private static async Task<bool> UpsertAllAsync(ExamDbContext db, int attemptId, string userId, IReadOnlyCollection<PostedAnswer> answers, DateTime now)
    {
        foreach (var answer in answers)
        {
            var selected = $"[{string.Join(',', answer.ChoiceIds.Distinct().Order())}]";
            var written = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AttemptAnswers" ("AttemptId", "QuestionId", "SelectedChoiceIds", "SavedAt", "GradedChoices")
                SELECT a."Id", q."Id", {selected}, {now}, '[]'
                FROM "Attempts" AS a
                JOIN "Exams" AS e ON e."Id" = a."ExamId" AND e."DeletedAt" IS NULL
                JOIN "Questions" AS q ON q."ExamId" = a."ExamId" AND q."Id" = {answer.QuestionId}
                WHERE a."Id" = {attemptId} AND a."UserId" = {userId} AND a."Status" = 'InProgress'
                  AND (q."Kind" = 'MultipleChoice' OR json_array_length({selected}) <= 1)
                  AND json_array_length({selected}) = (
                      SELECT count(*) FROM "Choices" AS c
                      WHERE c."QuestionId" = q."Id" AND c."Id" IN (SELECT value FROM json_each({selected})))
                ON CONFLICT ("AttemptId", "QuestionId") DO UPDATE SET "SelectedChoiceIds" = excluded."SelectedChoiceIds", "SavedAt" = excluded."SavedAt"
                """);
            if (written == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<SaveResult> WhyNotSavedAsync(ExamDbContext db, int attemptId, string userId, IReadOnlyCollection<PostedAnswer> answers, DateTime now, CancellationToken cancellationToken)
    {
        var attempt = await AttemptState(db, attemptId, userId);
        if (attempt is null || attempt.ExamDeleted)
        {
            return new SaveResult(SaveOutcome.NotFound);
        }

        if (attempt.Status != AttemptStatus.InProgress)
        {
            return Submitted;
        }

        var questions = new Dictionary<int, QuestionChoices>();
        await foreach (var question in ExamQuestions(db, attempt.ExamId).WithCancellation(cancellationToken))
        {
            questions[question.Id] = question;
        }

        foreach (var answer in answers)
        {
            if (!questions.TryGetValue(answer.QuestionId, out var question))
            {
                return new SaveResult(SaveOutcome.Invalid, "One of the answers is for a question that is not part of this exam.");
            }

            if (answer.ChoiceIds.Count > MaxChoicesPerQuestion || answer.ChoiceIds.Any(id => !question.ChoiceIds.Contains(id)))
            {
                return new SaveResult(SaveOutcome.Invalid, "One of the answers names a choice that does not belong to its question.");
            }

            if (question.Kind == QuestionKind.SingleChoice && answer.ChoiceIds.Distinct().Count() > 1)
            {
                return new SaveResult(SaveOutcome.Invalid, "Choose only one answer for a single-choice question.");
            }
        }

        // Nothing to save, or everything checks out now: the attempt or the exam changed between the write and these checks.
        return answers.Count == 0
            ? new SaveResult(SaveOutcome.Saved, SavedAt: now)
            : new SaveResult(SaveOutcome.Invalid, "The exam changed while you were answering. Reload the page and choose again.");
    }

    private static readonly SaveResult Submitted = new(SaveOutcome.AlreadySubmitted, "This attempt has been submitted for grading, so its answers can no longer change.");

    private sealed record AttemptStateRow(int ExamId, AttemptStatus Status, bool ExamDeleted);

    private sealed record QuestionChoices(int Id, QuestionKind Kind, List<int> ChoiceIds);

    private static readonly Func<ExamDbContext, int, string, Task<AttemptStateRow?>> AttemptState = EF.CompileAsyncQuery(
        (ExamDbContext db, int attemptId, string userId) => db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId && a.UserId == userId)
            .Select(a => new AttemptStateRow(a.ExamId, a.Status, a.Exam!.DeletedAt != null))
            .SingleOrDefault());

    private static readonly Func<ExamDbContext, int, IAsyncEnumerable<QuestionChoices>> ExamQuestions = EF.CompileAsyncQuery(
        (ExamDbContext db, int examId) => db.Questions.AsNoTracking()
            .Where(q => q.ExamId == examId)
            .Select(q => new QuestionChoices(q.Id, q.Kind, q.Choices.Select(c => c.Id).ToList())));
}
