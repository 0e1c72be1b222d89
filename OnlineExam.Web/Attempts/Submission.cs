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
    public static async Task<SubmitOutcome> SubmitAsync(ExamDbContext db, int attemptId, string userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);

        // The status flip is the gate: of two submits, only one changes the row; the other
        // waits for the write lock, then finds the attempt graded and returns its result.
        var claimed = await db.Attempts
            .Where(a => a.Id == attemptId && a.UserId == userId && a.Status == AttemptStatus.InProgress && a.Exam!.DeletedAt == null)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, AttemptStatus.Submitted).SetProperty(x => x.SubmittedAt, now), cancellationToken);
        if (claimed == 0)
        {
            var status = await db.Attempts.Where(a => a.Id == attemptId && a.UserId == userId).Select(a => (AttemptStatus?)a.Status).SingleOrDefaultAsync(cancellationToken);
            return status == AttemptStatus.Submitted ? SubmitOutcome.AlreadyGraded : SubmitOutcome.NotFound;
        }

        var attempt = await db.Attempts.SingleAsync(a => a.Id == attemptId, cancellationToken);
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.ExamId == attempt.ExamId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id)
            .Select(q => new
            {
                q.Id,
                q.Kind,
                q.Text,
                q.Explanation,
                Choices = q.Choices.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new { c.Id, c.Text, c.IsCorrect }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var answers = await db.AttemptAnswers.Where(a => a.AttemptId == attemptId).ToListAsync(cancellationToken);
        var byQuestion = answers.Where(a => a.QuestionId is not null).ToDictionary(a => a.QuestionId!.Value);

        var grade = Grader.Grade(
            [.. questions.Select(q => new QuestionKey(q.Id, q.Kind, [.. q.Choices.Where(c => c.IsCorrect).Select(c => c.Id)]))],
            byQuestion.ToDictionary(p => p.Key, p => (IReadOnlyCollection<int>)p.Value.SelectedChoiceIds));

        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            if (!byQuestion.TryGetValue(question.Id, out var row))
            {
                row = new AttemptAnswer { AttemptId = attemptId, QuestionId = question.Id, SavedAt = now };
                db.AttemptAnswers.Add(row);
            }

            var selected = row.SelectedChoiceIds.ToHashSet();
            row.Points = grade.Questions[i].Points;
            row.GradedPosition = i + 1;
            row.GradedQuestionText = question.Text;
            row.GradedExplanation = question.Explanation;
            row.GradedChoices = [.. question.Choices.Select(c => new GradedChoice(c.Id, c.Text, c.IsCorrect, selected.Contains(c.Id)))];
        }

        attempt.Score = grade.Score;
        attempt.MaxScore = grade.MaxScore;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SubmitOutcome.Graded;
    }
}
