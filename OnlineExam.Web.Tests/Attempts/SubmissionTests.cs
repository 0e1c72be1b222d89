using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Attempts;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Attempts;

/// <summary>
/// Grading reads and computes before the write lock and only records under it; these tests put
/// a change between the two and check that the result is the one the lock would have given.
/// </summary>
public class SubmissionTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static int counter;

    private async Task<(string UserId, int ExamId, List<AttemptSteps.Key> Key, int AttemptId)> StartAsync()
    {
        var n = Interlocked.Increment(ref counter);
        var user = new FakeUser($"auth0|grading{n}", $"Grading User {n}", $"grading{n}@example.test");
        var client = await factory.SignedInClientAsync(user);
        var examId = await factory.ExamIdAsync("HTTP Essentials");
        return (user.Subject, examId, await factory.AnswerKeyAsync(examId), await client.StartAsync(examId));
    }

    private Task<SaveResult> SaveAsync(int attemptId, string userId, AttemptSteps.Key question, params int[] choices) =>
        factory.WithDbAsync(db => AnswerSheet.SaveAsync(db, attemptId, userId, [new PostedAnswer(question.QuestionId, choices)], Now, CancellationToken.None));

    private Task<SubmitOutcome> RecordAsync(int attemptId, string userId, Submission.GradedAhead graded) =>
        factory.WithDbAsync(db => db.WriteInGroupAsync(group => Submission.RecordAsync(group, attemptId, userId, Now, graded), o => o == SubmitOutcome.Graded));

    private Task<(int? Score, int? MaxScore, AttemptStatus Status)> StoredAsync(int attemptId) => factory.WithDbAsync(db => db.Attempts
        .Where(a => a.Id == attemptId).Select(a => ValueTuple.Create(a.Score, a.MaxScore, a.Status)).SingleAsync());

    [Fact]
    public async Task A_result_graded_ahead_is_recorded_in_two_statements_when_nothing_changed()
    {
        var (userId, _, key, attemptId) = await StartAsync();
        await SaveAsync(attemptId, userId, key[0], key[0].Correct);
        var graded = await factory.WithDbAsync(db => Submission.GradeAheadAsync(db, attemptId, userId));
        Assert.NotNull(graded);

        factory.Queries.Reset();
        Assert.Equal(SubmitOutcome.Graded, await RecordAsync(attemptId, userId, graded));
        var statements = factory.Queries.Commands.Where(c => !c.StartsWith("SAVEPOINT", StringComparison.Ordinal) && !c.StartsWith("RELEASE", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, statements.Count);
        Assert.Equal((1, key.Count, AttemptStatus.Submitted), await StoredAsync(attemptId));
        var points = await factory.WithDbAsync(db => db.AttemptAnswers.Where(a => a.AttemptId == attemptId).OrderBy(a => a.GradedPosition).Select(a => a.Points).ToListAsync());
        Assert.Equal([1, .. Enumerable.Repeat<int?>(0, key.Count - 1)], points);
    }

    [Fact]
    public async Task An_answer_saved_after_grading_ahead_is_part_of_the_grade()
    {
        var (userId, _, key, attemptId) = await StartAsync();
        await SaveAsync(attemptId, userId, key[0], key[0].Wrong[0]);
        var graded = await factory.WithDbAsync(db => Submission.GradeAheadAsync(db, attemptId, userId));

        await SaveAsync(attemptId, userId, key[0], key[0].Correct);
        await SaveAsync(attemptId, userId, key[1], key[1].Correct);

        Assert.Equal(SubmitOutcome.Graded, await RecordAsync(attemptId, userId, graded!));
        Assert.Equal((2, key.Count, AttemptStatus.Submitted), await StoredAsync(attemptId));
    }

    [Fact]
    public async Task An_exam_edit_after_grading_ahead_grades_against_the_edited_exam()
    {
        var (userId, examId, key, attemptId) = await StartAsync();
        await SaveAsync(attemptId, userId, key[0], key[0].Wrong[0]);
        var graded = await factory.WithDbAsync(db => Submission.GradeAheadAsync(db, attemptId, userId));

        // An author makes the chosen choice the correct one, the way the editor does: choices and the exam's version together.
        await factory.WithDbAsync(async db =>
        {
            await db.Choices.Where(c => c.QuestionId == key[0].QuestionId).ExecuteUpdateAsync(c => c.SetProperty(x => x.IsCorrect, x => x.Id == key[0].Wrong[0]));
            await db.Exams.Where(e => e.Id == examId).ExecuteUpdateAsync(e => e.SetProperty(x => x.UpdatedAt, Now.AddMinutes(1)));
        });

        Assert.Equal(SubmitOutcome.Graded, await RecordAsync(attemptId, userId, graded!));
        Assert.Equal((1, key.Count, AttemptStatus.Submitted), await StoredAsync(attemptId));
        var snapshot = await factory.WithDbAsync(db => db.AttemptAnswers.Where(a => a.AttemptId == attemptId && a.QuestionId == key[0].QuestionId).Select(a => a.GradedChoices).SingleAsync());
        Assert.Contains(snapshot, c => c.Id == key[0].Wrong[0] && c.IsCorrect && c.Selected);
    }

    [Fact]
    public async Task A_second_record_of_the_same_attempt_changes_nothing()
    {
        var (userId, _, key, attemptId) = await StartAsync();
        await SaveAsync(attemptId, userId, key[0], key[0].Correct);
        var graded = await factory.WithDbAsync(db => Submission.GradeAheadAsync(db, attemptId, userId));
        Assert.Equal(SubmitOutcome.Graded, await RecordAsync(attemptId, userId, graded!));
        var first = await StoredAsync(attemptId);

        Assert.Equal(SubmitOutcome.AlreadyGraded, await RecordAsync(attemptId, userId, graded!));
        Assert.Equal(first, await StoredAsync(attemptId));
        Assert.Null(await factory.WithDbAsync(db => Submission.GradeAheadAsync(db, attemptId, userId)));
    }

    [Fact]
    public async Task A_save_with_no_answers_still_checks_whose_attempt_it_is_and_whether_it_is_graded()
    {
        var (userId, _, key, attemptId) = await StartAsync();
        Task<SaveResult> SaveNothingAsync(string user) =>
            factory.WithDbAsync(db => AnswerSheet.SaveAsync(db, attemptId, user, [], Now, CancellationToken.None));

        Assert.Equal(SaveOutcome.Saved, (await SaveNothingAsync(userId)).Outcome);
        Assert.Equal(SaveOutcome.NotFound, (await SaveNothingAsync("auth0|somebody-else")).Outcome);

        await SaveAsync(attemptId, userId, key[0], key[0].Correct);
        var graded = await factory.WithDbAsync(db => Submission.GradeAheadAsync(db, attemptId, userId));
        await RecordAsync(attemptId, userId, graded!);
        Assert.Equal(SaveOutcome.AlreadySubmitted, (await SaveNothingAsync(userId)).Outcome);
    }
}
