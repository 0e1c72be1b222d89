namespace OnlineExam.Web.Data;

public class Exam
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public bool Published { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public required string LastUpdatedBy { get; set; }
    // Soft delete: graded attempts keep pointing at the exam they were graded against.
    public DateTime? DeletedAt { get; set; }
    public List<Question> Questions { get; set; } = [];
}

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
}

public class Question
{
    public int Id { get; set; }
    public int ExamId { get; set; }
    public Exam? Exam { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public string Explanation { get; set; } = "";
    public QuestionKind Kind { get; set; }
    public List<Choice> Choices { get; set; } = [];
}

public class Choice
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool IsCorrect { get; set; }
}

public enum AttemptStatus
{
    InProgress,
    Submitted,
}

public class Attempt
{
    public int Id { get; set; }
    public int ExamId { get; set; }
    public Exam? Exam { get; set; }
    public required string UserId { get; set; }
    public string UserName { get; set; } = "";
    public AttemptStatus Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public int? Score { get; set; }
    public int? MaxScore { get; set; }
    public List<AttemptAnswer> Answers { get; set; } = [];
}

/// <summary>
/// One question of an attempt. While the attempt is in progress it holds the taker's
/// selection; grading fills in the points and a snapshot of the question as it was graded,
/// so later edits to the exam never change a recorded result.
/// </summary>
public class AttemptAnswer
{
    public int Id { get; set; }
    public int AttemptId { get; set; }
    public Attempt? Attempt { get; set; }
    public int? QuestionId { get; set; }
    public Question? Question { get; set; }
    public List<int> SelectedChoiceIds { get; set; } = [];
    public DateTime SavedAt { get; set; }
    public int? Points { get; set; }
    public int? GradedPosition { get; set; }
    public string? GradedQuestionText { get; set; }
    public string? GradedExplanation { get; set; }
    public List<GradedChoice> GradedChoices { get; set; } = [];
}

public record GradedChoice(int Id, string Text, bool IsCorrect, bool Selected);

/// <summary>A signed-in browser session; the cookie holds only its id, so signing out revokes it.</summary>
public class UserSession
{
    public required string Id { get; set; }
    public string UserId { get; set; } = "";
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
