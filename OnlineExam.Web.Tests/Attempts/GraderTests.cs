using OnlineExam.Web.Attempts;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Tests.Attempts;

public class GraderTests
{
    private static readonly QuestionKey Single = new(1, QuestionKind.SingleChoice, [11]);
    private static readonly QuestionKey Multiple = new(2, QuestionKind.MultipleChoice, [21, 23]);

    [Theory]
    [InlineData(new[] { 11 }, 1)]
    [InlineData(new[] { 12 }, 0)]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 11, 12 }, 0)]
    [InlineData(new[] { 11, 11 }, 1)]
    public void A_single_choice_question_scores_only_the_one_correct_choice(int[] selected, int expected)
    {
        Assert.Equal(expected, Grader.Points(Single, selected));
    }

    [Theory]
    [InlineData(new[] { 21, 23 }, 1)]
    [InlineData(new[] { 23, 21 }, 1)]
    [InlineData(new[] { 21 }, 0)]
    [InlineData(new[] { 21, 22, 23 }, 0)]
    [InlineData(new[] { 22 }, 0)]
    [InlineData(new int[0], 0)]
    public void A_multiple_choice_question_scores_only_the_exact_correct_set(int[] selected, int expected)
    {
        Assert.Equal(expected, Grader.Points(Multiple, selected));
    }

    [Fact]
    public void A_question_without_a_correct_choice_never_scores()
    {
        Assert.Equal(0, Grader.Points(new QuestionKey(3, QuestionKind.MultipleChoice, []), []));
    }

    [Fact]
    public void Grading_sums_points_counts_every_question_and_keeps_question_order()
    {
        var third = new QuestionKey(3, QuestionKind.SingleChoice, [31]);

        var grade = Grader.Grade([Single, Multiple, third], new Dictionary<int, IReadOnlyCollection<int>>
        {
            [1] = [11],
            [2] = [21],
            [99] = [991],
        });

        Assert.Equal(1, grade.Score);
        Assert.Equal(3, grade.MaxScore);
        Assert.Equal([new QuestionGrade(1, 1), new QuestionGrade(2, 0), new QuestionGrade(3, 0)], grade.Questions);
        Assert.Equal(33, grade.Percent);
    }

    [Theory]
    [InlineData(7, 10, 70)]
    [InlineData(7, 8, 88)]
    [InlineData(1, 8, 13)]
    [InlineData(0, 5, 0)]
    [InlineData(5, 5, 100)]
    [InlineData(0, 0, 0)]
    public void Percentages_round_half_away_from_zero(int score, int max, int expected)
    {
        Assert.Equal(expected, Grade.Percentage(score, max));
    }
}
