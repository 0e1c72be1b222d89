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
        // BEGIN IMMEDIATE: saves and the grading of the same attempt run one after the other,
        // so an answer can never slip in after the attempt was graded.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var attempt = await db.Attempts.AsNoTracking()
            .Where(a => a.Id == attemptId && a.UserId == userId)
            .Select(a => new { a.ExamId, a.Status, ExamDeleted = a.Exam!.DeletedAt != null })
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null || attempt.ExamDeleted)
        {
            return new SaveResult(SaveOutcome.NotFound);
        }

        if (attempt.Status != AttemptStatus.InProgress)
        {
            return new SaveResult(SaveOutcome.AlreadySubmitted, "This attempt has been submitted for grading, so its answers can no longer change.");
        }

        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.ExamId == attempt.ExamId)
            .Select(q => new { q.Id, q.Kind, ChoiceIds = q.Choices.Select(c => c.Id).ToList() })
            .ToDictionaryAsync(q => q.Id, cancellationToken);

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

        var questionIds = answers.Select(a => (int?)a.QuestionId).ToList();
        var existing = await db.AttemptAnswers
            .Where(a => a.AttemptId == attemptId && questionIds.Contains(a.QuestionId))
            .ToDictionaryAsync(a => a.QuestionId!.Value, cancellationToken);
        foreach (var answer in answers)
        {
            var selected = answer.ChoiceIds.Distinct().Order().ToList();
            if (existing.TryGetValue(answer.QuestionId, out var row))
            {
                row.SelectedChoiceIds = selected;
                row.SavedAt = now;
            }
            else
            {
                db.AttemptAnswers.Add(new AttemptAnswer { AttemptId = attemptId, QuestionId = answer.QuestionId, SelectedChoiceIds = selected, SavedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(SaveOutcome.Saved, SavedAt: now);
    }
}
