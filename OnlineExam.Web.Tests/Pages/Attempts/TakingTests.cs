using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Pages.Attempts;

public class TakingTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    [Fact]
    public async Task Anonymous_visitors_are_asked_to_sign_in_and_come_back_to_the_exam()
    {
        var examId = await factory.ExamIdAsync("SQL Fundamentals");

        var (_, page) = await factory.CreateClient().GetDocumentAsync($"/exams/{examId}");

        var link = page.QuerySelector(".exam__start a")!;
        Assert.Equal("Sign in to take this exam", link.Text());
        Assert.Equal($"/account/login?returnUrl=%2Fexams%2F{examId}", link.GetAttribute("href"));
        Assert.Null(page.QuerySelector(".exam__start form"));
    }

    [Fact]
    public async Task The_whole_journey_without_JavaScript_grades_records_and_shows_the_result()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|journey", "Journey Jo", "jo@example.test"));
        var examId = await factory.ExamIdAsync("TypeScript Advanced Exam");
        var key = await factory.AnswerKeyAsync(examId);
        // Right on questions 1-5, wrong on 6, unanswered 7 and 8.
        var chosen = key.Take(5).SelectMany(k => k.Correct).Append(key[5].Wrong[0]).ToArray();

        var attemptId = await client.StartAsync(examId);
        var form = await client.AnswerFormAsync(attemptId);
        var saved = await client.SubmitAsync(form.Choose(chosen), submitter: form.Button("Save answers"));
        var (_, afterSave) = await client.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        var savedForm = (IHtmlFormElement)afterSave.QuerySelector("form#answer-sheet")!;
        var review = await client.SubmitAsync(savedForm, submitter: savedForm.Button("Submit for grading"));
        var (_, confirm) = await client.GetDocumentAsync(review.Headers.Location!.OriginalString);
        var submitted = await client.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("main form")!);
        var (resultResponse, result) = await client.GetDocumentAsync(submitted.Headers.Location!.OriginalString);
        var (_, history) = await client.GetDocumentAsync("/results");
        var (_, home) = await client.GetDocumentAsync("/");
        var (_, examPage) = await client.GetDocumentAsync($"/exams/{examId}");

        Assert.Equal($"/attempts/{attemptId}", saved.Headers.Location!.OriginalString);
        Assert.Equal("Your answers are saved.", afterSave.QuerySelector(".status-message").Text());
        Assert.Equal(chosen.Order(), afterSave.QuerySelectorAll<IHtmlInputElement>("input:checked").Select(i => int.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal($"/attempts/{attemptId}/submit", review.Headers.Location!.OriginalString);
        Assert.Equal(["Question 7: " + await QuestionTextAsync(key[6].QuestionId), "Question 8: " + await QuestionTextAsync(key[7].QuestionId)],
            confirm.QuestionSelectorAll(".unanswered li"));
        Assert.Equal($"/attempts/{attemptId}/result", submitted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);
        Assert.Equal("5 of 8, 63%", result.QuerySelector(".score__value").Text());
        var verdicts = result.QuerySelectorAll(".result-question__verdict").Select(v => v.Text()).ToList();
        Assert.Equal(["Correct", "Correct", "Correct", "Correct", "Correct", "Incorrect", "Not answered", "Not answered"], verdicts);
        var sixth = result.QuerySelectorAll(".result-question")[5];
        Assert.Contains("Your answer", sixth.QuerySelector(".result-choice--selected").Text(), StringComparison.Ordinal);
        Assert.Contains("Correct answer", sixth.QuerySelector(".result-choice--correct").Text(), StringComparison.Ordinal);
        Assert.Contains("Explanation:", sixth.QuerySelector(".explanation").Text(), StringComparison.Ordinal);
        Assert.True(resultResponse.Headers.CacheControl!.NoStore);
        var row = history.QuerySelectorAll(".history__row").Single(r => r.QuerySelector("a")?.GetAttribute("href") == $"/attempts/{attemptId}/result");
        Assert.Equal("TypeScript Advanced Exam", row.QuerySelector(".history__exam").Text());
        Assert.Equal("5 of 8, 63%", row.QuerySelector(".history__score").Text());
        var card = home.QuerySelectorAll(".exam-card").Single(c => c.QuerySelector(".exam-card__title").Text() == "TypeScript Advanced Exam");
        Assert.Equal("63%", card.QuerySelector(".best-score").Text());
        Assert.Contains("63%", examPage.QuerySelector(".best-score").Text(), StringComparison.Ordinal);

        var attempt = await factory.WithDbAsync(db => db.Attempts.AsNoTracking().SingleAsync(a => a.Id == attemptId));
        Assert.Equal((AttemptStatus.Submitted, 5, 8, "Journey Jo"), (attempt.Status, attempt.Score, attempt.MaxScore, attempt.UserName));
        Assert.NotNull(attempt.SubmittedAt);
        var points = await factory.WithDbAsync(db => db.AttemptAnswers.Where(a => a.AttemptId == attemptId).OrderBy(a => a.GradedPosition).Select(a => a.Points).ToListAsync());
        Assert.Equal([1, 1, 1, 1, 1, 0, 0, 0], points);
    }

    [Fact]
    public async Task The_answer_page_has_a_fieldset_per_question_labelled_choices_and_nothing_preselected()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|markup", "Mark Up", "mark@example.test"));
        var examId = await factory.ExamIdAsync("HTTP Essentials");
        var key = await factory.AnswerKeyAsync(examId);

        var attemptId = await client.StartAsync(examId);
        var (_, page) = await client.GetDocumentAsync($"/attempts/{attemptId}");

        var fieldsets = page.QuerySelectorAll("form#answer-sheet fieldset");
        Assert.Equal(6, fieldsets.Length);
        Assert.Equal("Question 3 of 6", fieldsets[2].QuerySelector("legend .question__number").Text());
        Assert.Empty(page.QuerySelectorAll("input:checked"));
        for (var i = 0; i < key.Count; i++)
        {
            var type = key[i].Kind == QuestionKind.MultipleChoice ? "checkbox" : "radio";
            var inputs = fieldsets[i].QuerySelectorAll<IHtmlInputElement>("input[type=radio], input[type=checkbox]");
            Assert.All(inputs, input =>
            {
                Assert.Equal(type, input.Type);
                Assert.Single(page.QuerySelectorAll($"label[for='{input.Id}']"));
            });
        }
    }

    [Fact]
    public async Task Starting_again_resumes_the_unfinished_attempt()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|resume", "Re Sume", "re@example.test"));
        var examId = await factory.ExamIdAsync("SQL Fundamentals");

        var first = await client.StartAsync(examId);
        var (_, page) = await client.GetDocumentAsync($"/exams/{examId}");
        var second = await client.StartAsync(examId);

        Assert.Equal(first, second);
        Assert.Equal("Continue exam", page.QuerySelector(".exam__start button").Text());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Attempts.CountAsync(a => a.UserId == "auth0|resume")));
    }

    [Fact]
    public async Task Simultaneous_starts_create_one_attempt()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|racer", "Ray Sir", "ray@example.test"));
        var examId = await factory.ExamIdAsync("SQL Fundamentals");

        var (_, page) = await client.GetDocumentAsync($"/exams/{examId}");
        var form = (IHtmlFormElement)page.QuerySelector(".exam__start form")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SubmitAsync(form)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.OriginalString).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Attempts.CountAsync(a => a.UserId == "auth0|racer")));
    }

    [Fact]
    public async Task An_exam_without_questions_cannot_be_started()
    {
        var examId = await factory.WithDbAsync(async db =>
        {
            var exam = new Exam { Title = "Empty exam", Published = true, CreatedBy = "t", LastUpdatedBy = "t", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Exams.Add(exam);
            await db.SaveChangesAsync();
            return exam.Id;
        });
        var client = await factory.SignedInClientAsync(Users.Ada);
        var (_, page) = await client.GetDocumentAsync($"/exams/{examId}");
        var token = page.QuerySelector<IHtmlInputElement>("form input[name=__RequestVerificationToken]")!.Value;

        var forced = await client.PostAsync($"/exams/{examId}?handler=Start", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var (_, after) = await client.GetDocumentAsync(forced.Headers.Location!.OriginalString);

        Assert.Null(page.QuerySelector(".exam__start button"));
        Assert.Contains("cannot be taken until its author adds questions", page.QuerySelector(".exam__start").Text(), StringComparison.Ordinal);
        Assert.Equal("This exam has no questions yet, so it cannot be started.", after.QuerySelector(".status-message").Text());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attempts.CountAsync(a => a.ExamId == examId)));
    }

    [Fact]
    public async Task Editing_the_exam_after_grading_does_not_change_the_recorded_result()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|snapshot", "Snap Shot", "snap@example.test"));
        var examId = await factory.ExamIdAsync("HTTP Essentials");
        var key = await factory.AnswerKeyAsync(examId);
        var attemptId = await client.TakeAsync(examId, key[1].Correct);
        var (_, before) = await client.GetDocumentAsync($"/attempts/{attemptId}/result");

        await factory.WithDbAsync(async db =>
        {
            var question = await db.Questions.Include(q => q.Choices).SingleAsync(q => q.Id == key[1].QuestionId);
            question.Text = "Rewritten after grading";
            foreach (var choice in question.Choices)
            {
                choice.IsCorrect = !choice.IsCorrect;
            }

            await db.SaveChangesAsync();
        });
        var (_, after) = await client.GetDocumentAsync($"/attempts/{attemptId}/result");

        Assert.Equal("1 of 6, 17%", after.QuerySelector(".score__value").Text());
        Assert.Equal(before.QuerySelector(".result-list")!.OuterHtml, after.QuerySelector(".result-list")!.OuterHtml);
        Assert.DoesNotContain("Rewritten after grading", after.Body!.TextContent, StringComparison.Ordinal);
    }

    private Task<string> QuestionTextAsync(int questionId) =>
        factory.WithDbAsync(db => db.Questions.Where(q => q.Id == questionId).Select(q => q.Text).SingleAsync());
}

internal static class DocumentExtensions
{
    public static List<string> QuestionSelectorAll(this IHtmlDocument document, string selector) =>
        [.. document.QuerySelectorAll(selector).Select(e => e.Text())];
}
