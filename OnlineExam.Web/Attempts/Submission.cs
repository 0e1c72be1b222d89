using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Attempts;

public enum SubmitOutcome
{
    Graded,
    AlreadyGraded,
    NotFound,
}

/// <summary>Grades an attempt once and records the result with a snapshot of what was graded.</summary>
public static class Submission
{
    public static async Task<SubmitOutcome> SubmitAsync(ExamDbContext db, int attemptId, string userId, DateTime now)
    {
        // Writes run one after another, so grading reads and computes before the write lock, and
        // under it only records the result, if nothing it read has changed since; otherwise it
        // grades again under the lock, where nothing can change between the reads and the write.
        var graded = await GradeAheadAsync(db, attemptId, userId);
        return await db.WriteInGroupAsync(group => RecordAsync(group, attemptId, userId, now, graded), outcome => outcome == SubmitOutcome.Graded);
    }

    internal sealed record GradedAhead(DateTime ExamUpdatedAt, string AnswersSeen, int Score, int MaxScore, string Snapshot);

    private sealed record SavedAnswer(int Id, int? QuestionId, string SelectedChoiceIds);

    internal static async Task<GradedAhead?> GradeAheadAsync(ExamDbContext db, int attemptId, string userId)
    {
        // The exam's version is read before its questions: if the version is still the same at
        // the write, no edit can have come in between.
        if (await AttemptToGrade(db, attemptId, userId) is not { } attempt)
        {
            return null;
        }

        var questions = await ToListAsync(QuestionsToGrade(db, attempt.ExamId));

        var answers = await db.Database.SqlQuery<SavedAnswer>($"""
            SELECT "Id", "QuestionId", "SelectedChoiceIds" FROM "AttemptAnswers" WHERE "AttemptId" = {attemptId} ORDER BY "Id"
            """).ToListAsync();
        var selections = answers.Where(a => a.QuestionId is not null)
            .ToDictionary(a => a.QuestionId!.Value, a => (IReadOnlyCollection<int>)(JsonSerializer.Deserialize<List<int>>(a.SelectedChoiceIds) ?? []));
        var grade = Grader.Grade(
            [.. questions.Select(q => new QuestionKey(q.Id, q.Kind, [.. q.Choices.Where(c => c.IsCorrect).Select(c => c.Id)]))],
            selections);
        var snapshot = questions.Select((q, i) =>
        {
            var selected = selections.TryGetValue(q.Id, out var ids) ? ids.ToHashSet() : [];
            return new SnapshotRow(q.Id, grade.Questions[i].Points, i + 1, q.Text, q.Explanation,
                [.. q.Choices.Select(c => new GradedChoice(c.Id, c.Text, c.IsCorrect, selected.Contains(c.Id)))]);
        });
        return new GradedAhead(attempt.ExamUpdatedAt, AnswersSeen(answers), grade.Score, grade.MaxScore, JsonSerializer.Serialize(snapshot));
    }

    /// <summary>The same text as the SQL in <see cref="RecordAsync"/> computes from the rows as they are now.</summary>
    private static string AnswersSeen(List<SavedAnswer> answers) =>
        string.Join(';', answers.Select(a => $"{a.Id}:{a.QuestionId}:{a.SelectedChoiceIds}"));

    private sealed record SnapshotRow(int QuestionId, int Points, int Position, string Text, string Explanation, List<GradedChoice> Choices);

    internal static async Task<SubmitOutcome> RecordAsync(ExamDbContext db, int attemptId, string userId, DateTime now, GradedAhead? graded)
    {
        if (graded is not null && await TryRecordAsync(db, attemptId, userId, now, graded))
        {
            return SubmitOutcome.Graded;
        }

        graded = await GradeAheadAsync(db, attemptId, userId);
        if (graded is not null && await TryRecordAsync(db, attemptId, userId, now, graded))
        {
            return SubmitOutcome.Graded;
        }

        return await StatusOf(db, attemptId, userId) == AttemptStatus.Submitted ? SubmitOutcome.AlreadyGraded : SubmitOutcome.NotFound;
    }

    /// <summary>The status flip is the gate: it happens only once, and only if the exam and the answers are still as graded.</summary>
    private static async Task<bool> TryRecordAsync(ExamDbContext db, int attemptId, string userId, DateTime now, GradedAhead graded)
    {
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "Attempts" SET "Status" = 'Submitted', "SubmittedAt" = {now}, "Score" = {graded.Score}, "MaxScore" = {graded.MaxScore}
            WHERE "Id" = {attemptId} AND "UserId" = {userId} AND "Status" = 'InProgress'
              AND EXISTS (SELECT 1 FROM "Exams" AS e WHERE e."Id" = "Attempts"."ExamId" AND e."DeletedAt" IS NULL AND e."UpdatedAt" = {graded.ExamUpdatedAt})
              AND coalesce((SELECT group_concat(x."Id" || ':' || coalesce(x."QuestionId", '') || ':' || x."SelectedChoiceIds", ';' ORDER BY x."Id")
                            FROM "AttemptAnswers" AS x WHERE x."AttemptId" = {attemptId}), '') = {graded.AnswersSeen}
            """);
        if (claimed == 0)
        {
            return false;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AttemptAnswers" ("AttemptId", "QuestionId", "SelectedChoiceIds", "SavedAt", "Points", "GradedPosition", "GradedQuestionText", "GradedExplanation", "GradedChoices")
            SELECT {attemptId}, j.value ->> 'QuestionId', '[]', {now}, j.value ->> 'Points', j.value ->> 'Position', j.value ->> 'Text', j.value ->> 'Explanation', j.value -> 'Choices'
            FROM json_each({graded.Snapshot}) AS j WHERE true
            ON CONFLICT ("AttemptId", "QuestionId") DO UPDATE SET
                "Points" = excluded."Points", "GradedPosition" = excluded."GradedPosition", "GradedQuestionText" = excluded."GradedQuestionText",
                "GradedExplanation" = excluded."GradedExplanation", "GradedChoices" = excluded."GradedChoices"
            """);
        return true;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed record ChoiceToGrade(int Id, string Text, bool IsCorrect);

    private sealed record QuestionToGrade(int Id, QuestionKind Kind, string Text, string Explanation, List<ChoiceToGrade> Choices);

    private sealed record AttemptAndExam(int ExamId, DateTime ExamUpdatedAt);

    private static readonly Func<ExamDbContext, int, string, Task<AttemptAndExam?>> AttemptToGrade = EF.CompileAsyncQuery(
        (ExamDbContext db, int attemptId, string userId) => db.Attempts
            .Where(a => a.Id == attemptId && a.UserId == userId && a.Status == AttemptStatus.InProgress && a.Exam!.DeletedAt == null)
            .Select(a => new AttemptAndExam(a.ExamId, a.Exam!.UpdatedAt))
            .SingleOrDefault());

    private static readonly Func<ExamDbContext, int, string, Task<AttemptStatus?>> StatusOf = EF.CompileAsyncQuery(
        (ExamDbContext db, int attemptId, string userId) => db.Attempts
            .Where(a => a.Id == attemptId && a.UserId == userId)
            .Select(a => (AttemptStatus?)a.Status)
            .SingleOrDefault());

    private static readonly Func<ExamDbContext, int, IAsyncEnumerable<QuestionToGrade>> QuestionsToGrade = EF.CompileAsyncQuery(
        (ExamDbContext db, int examId) => db.Questions.AsNoTracking()
            .Where(q => q.ExamId == examId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id)
            .Select(q => new QuestionToGrade(
                q.Id,
                q.Kind,
                q.Text,
                q.Explanation,
                q.Choices.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new ChoiceToGrade(c.Id, c.Text, c.IsCorrect)).ToList())));
}
