using OnlineExam.Web.Data;

namespace OnlineExam.Web.Attempts;

/// <summary>The answer key of one question, as it stands when the attempt is graded.</summary>
public record QuestionKey(int QuestionId, QuestionKind Kind, IReadOnlyCollection<int> CorrectChoiceIds);

public record QuestionGrade(int QuestionId, int Points);

public record Grade(int Score, int MaxScore, IReadOnlyList<QuestionGrade> Questions)
{
    public int Percent => Percentage(Score, MaxScore);

    public static int Percentage(int score, int maxScore) =>
        maxScore == 0 ? 0 : (int)Math.Round(score * 100.0 / maxScore, MidpointRounding.AwayFromZero);

    /// <summary>A score ratio (0..1) as a whole percentage, halves rounded away from zero.</summary>
    public static int Percentage(double ratio) => (int)Math.Round(ratio * 100, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Scores an attempt: one point per question. A single-choice question scores when the one
/// correct choice alone is selected; a multiple-choice question only when exactly the correct
/// set is selected (all or nothing). Unanswered questions score nothing.
/// </summary>
public static class Grader
{
    public static int Points(QuestionKey question, IReadOnlyCollection<int> selected)
    {
        var chosen = selected.ToHashSet();
        if (chosen.Count == 0 || question.CorrectChoiceIds.Count == 0)
        {
            return 0;
        }

        return question.Kind switch
        {
            QuestionKind.SingleChoice => chosen.Count == 1 && question.CorrectChoiceIds.Contains(chosen.Single()) ? 1 : 0,
            _ => chosen.SetEquals(question.CorrectChoiceIds) ? 1 : 0,
        };
    }

    public static Grade Grade(IReadOnlyList<QuestionKey> questions, IReadOnlyDictionary<int, IReadOnlyCollection<int>> answers)
    {
        var grades = questions
            .Select(q => new QuestionGrade(q.QuestionId, Points(q, answers.TryGetValue(q.QuestionId, out var selected) ? selected : [])))
            .ToList();
        return new Grade(grades.Sum(g => g.Points), questions.Count, grades);
    }
}
