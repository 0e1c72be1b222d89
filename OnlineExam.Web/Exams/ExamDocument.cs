using System.Text.Json.Serialization;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Exams;

/// <summary>A whole exam as a script sends it: the body of POST and PUT /api/exams.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public record ExamDocument(string? Title, string? Description = null, bool? Published = null, List<QuestionDocument?>? Questions = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public record QuestionDocument(string? Text, string? Kind, List<ChoiceDocument?>? Choices, string? Explanation = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public record ChoiceDocument(string? Text, bool? Correct = null);

/// <summary>
/// The rules every exam obeys, whether it comes from the API or the authoring pages. Errors
/// are keyed by the JSON path of the offending member (<c>questions[2].choices</c>); pages map
/// those keys onto their form fields.
/// </summary>
public static class ExamRules
{
    public const int MaxQuestions = 200;
    public const int MinChoices = 2;
    public const int MaxChoices = 10;
    public const string SingleKind = "single";
    public const string MultipleKind = "multiple";

    public static Dictionary<string, string[]> Validate(ExamDocument document)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateExam(document.Title, document.Description, errors);
        var questions = document.Questions ?? [];
        if (questions.Count > MaxQuestions)
        {
            errors["questions"] = [$"An exam has at most {MaxQuestions} questions."];
        }

        for (var i = 0; i < questions.Count && i < MaxQuestions; i++)
        {
            if (questions[i] is { } question)
            {
                ValidateQuestion(question, $"questions[{i}]", errors);
            }
            else
            {
                errors[$"questions[{i}]"] = ["A question cannot be null."];
            }
        }

        return errors;
    }

    public static void ValidateExam(string? title, string? description, Dictionary<string, string[]> errors, string prefix = "")
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors[prefix + "title"] = ["Enter a title."];
        }
        else if (trimmed.Length > ExamDbContext.TitleMaxLength)
        {
            errors[prefix + "title"] = [$"The title must be {ExamDbContext.TitleMaxLength} characters or fewer."];
        }

        if ((description?.Trim().Length ?? 0) > ExamDbContext.TextMaxLength)
        {
            errors[prefix + "description"] = [$"The description must be {ExamDbContext.TextMaxLength} characters or fewer."];
        }
    }

    public static void ValidateQuestion(QuestionDocument question, string path, Dictionary<string, string[]> errors)
    {
        Text(question.Text, $"{path}.text", "the question", errors);
        if ((question.Explanation?.Trim().Length ?? 0) > ExamDbContext.TextMaxLength)
        {
            errors[$"{path}.explanation"] = [$"The explanation must be {ExamDbContext.TextMaxLength} characters or fewer."];
        }

        var kind = ParseKind(question.Kind);
        if (kind is null)
        {
            errors[$"{path}.kind"] = ["Choose the kind: single (one correct choice) or multiple (one or more)."];
        }

        var choices = question.Choices ?? [];
        if (choices.Count is < MinChoices or > MaxChoices)
        {
            errors[$"{path}.choices"] = [$"A question has {MinChoices} to {MaxChoices} choices."];
            return;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is { } choice)
            {
                Text(choice.Text, $"{path}.choices[{i}].text", "the choice", errors);
            }
            else
            {
                errors[$"{path}.choices[{i}]"] = ["A choice cannot be null."];
            }
        }

        var correct = choices.Count(c => c?.Correct == true);
        if (kind == QuestionKind.SingleChoice && correct != 1)
        {
            errors[$"{path}.choices"] = ["A single-choice question has exactly one correct choice."];
        }
        else if (kind == QuestionKind.MultipleChoice && correct == 0)
        {
            errors[$"{path}.choices"] = ["A multiple-choice question has at least one correct choice."];
        }
    }

    public static QuestionKind? ParseKind(string? kind) => kind switch
    {
        SingleKind => QuestionKind.SingleChoice,
        MultipleKind => QuestionKind.MultipleChoice,
        _ => null,
    };

    public static string KindName(QuestionKind kind) => kind == QuestionKind.MultipleChoice ? MultipleKind : SingleKind;

    /// <summary>The entities for a valid document's questions, positioned from 1.</summary>
    public static List<Question> ToQuestions(IEnumerable<QuestionDocument?> questions) =>
    [
        .. questions.Select((q, i) => new Question
        {
            Position = i + 1,
            Text = q!.Text!.Trim(),
            Explanation = q.Explanation?.Trim() ?? "",
            Kind = ParseKind(q.Kind)!.Value,
            Choices = [.. q.Choices!.Select((c, j) => new Choice { Position = j + 1, Text = c!.Text!.Trim(), IsCorrect = c.Correct == true })],
        }),
    ];

    private static void Text(string? value, string key, string what, Dictionary<string, string[]> errors)
    {
        var length = value?.Trim().Length ?? 0;
        if (length == 0)
        {
            errors[key] = [$"Enter the text of {what}."];
        }
        else if (length > ExamDbContext.TextMaxLength)
        {
            errors[key] = [$"The text of {what} must be {ExamDbContext.TextMaxLength} characters or fewer."];
        }
    }
}
