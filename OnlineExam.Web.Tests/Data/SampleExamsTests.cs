using OnlineExam.Web.Data;

namespace OnlineExam.Web.Tests.Data;

public class SampleExamsTests
{
    private static readonly IReadOnlyList<Exam> Exams = SampleExams.Create(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void There_are_three_published_exams_including_the_tutorials_TypeScript_exam()
    {
        Assert.Equal(SampleExams.Count, Exams.Count);
        Assert.All(Exams, e => Assert.True(e.Published));
        Assert.Contains(Exams, e => e.Title == "TypeScript Advanced Exam" && e.Description == "Tricky questions about TypeScript.");
        Assert.Equal(Exams.Count, Exams.Select(e => e.Title).Distinct().Count());
    }

    [Fact]
    public void Each_exam_has_5_to_10_questions_with_3_to_5_choices_in_order()
    {
        Assert.All(Exams, exam =>
        {
            Assert.InRange(exam.Questions.Count, 5, 10);
            Assert.Equal(Enumerable.Range(1, exam.Questions.Count), exam.Questions.Select(q => q.Position));
            Assert.All(exam.Questions, q =>
            {
                Assert.InRange(q.Choices.Count, 3, 5);
                Assert.Equal(Enumerable.Range(1, q.Choices.Count), q.Choices.Select(c => c.Position));
                Assert.False(string.IsNullOrWhiteSpace(q.Explanation));
                Assert.Equal(q.Choices.Count, q.Choices.Select(c => c.Text).Distinct().Count());
            });
        });
    }

    [Fact]
    public void Single_choice_questions_have_one_correct_choice_and_multiple_choice_at_least_one()
    {
        var questions = Exams.SelectMany(e => e.Questions).ToList();

        Assert.Contains(questions, q => q.Kind == QuestionKind.SingleChoice);
        Assert.Contains(questions, q => q.Kind == QuestionKind.MultipleChoice);
        Assert.All(questions.Where(q => q.Kind == QuestionKind.SingleChoice), q => Assert.Single(q.Choices, c => c.IsCorrect));
        Assert.All(questions.Where(q => q.Kind == QuestionKind.MultipleChoice), q => Assert.Contains(q.Choices, c => c.IsCorrect));
        Assert.All(Exams, e => Assert.Contains(e.Questions, q => q.Kind == QuestionKind.MultipleChoice));
    }

    [Fact]
    public void Texts_fit_the_database_limits()
    {
        Assert.All(Exams, e =>
        {
            Assert.InRange(e.Title.Length, 1, ExamDbContext.TitleMaxLength);
            Assert.InRange(e.Description.Length, 0, ExamDbContext.TextMaxLength);
            Assert.All(e.Questions.SelectMany(q => q.Choices.Select(c => c.Text).Append(q.Text).Append(q.Explanation)),
                text => Assert.InRange(text.Length, 1, ExamDbContext.TextMaxLength));
        });
    }
}
