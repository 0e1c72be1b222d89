using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>The steps of taking an exam through the real pages and forms.</summary>
public static class AttemptSteps
{
    public static Task<int> ExamIdAsync(this OnlineExamFactory factory, string title) =>
        factory.WithDbAsync(db => db.Exams.Where(e => e.Title == title).Select(e => e.Id).SingleAsync());

    public record Key(int QuestionId, QuestionKind Kind, int[] Correct, int[] Wrong);

    /// <summary>The answer key, read from the database the way only the test may.</summary>
    public static Task<List<Key>> AnswerKeyAsync(this OnlineExamFactory factory, int examId) => factory.WithDbAsync(db => db.Questions
        .Where(q => q.ExamId == examId)
        .OrderBy(q => q.Position)
        .Select(q => new Key(
            q.Id,
            q.Kind,
            q.Choices.Where(c => c.IsCorrect).OrderBy(c => c.Position).Select(c => c.Id).ToArray(),
            q.Choices.Where(c => !c.IsCorrect).OrderBy(c => c.Position).Select(c => c.Id).ToArray()))
        .ToListAsync());

    /// <summary>Presses "Start exam" on the exam page; returns the attempt id.</summary>
    public static async Task<int> StartAsync(this HttpClient client, int examId)
    {
        var (_, page) = await client.GetDocumentAsync($"/exams/{examId}");
        var form = (IHtmlFormElement)page.QuerySelector(".exam__start form")!;
        var response = await client.SubmitAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<IHtmlFormElement> AnswerFormAsync(this HttpClient client, int attemptId)
    {
        var (response, page) = await client.GetDocumentAsync($"/attempts/{attemptId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (IHtmlFormElement)page.QuerySelector("form#answer-sheet")!;
    }

    /// <summary>Ticks the given choices (and nothing else) on a parsed answer form.</summary>
    public static IHtmlFormElement Choose(this IHtmlFormElement form, params int[] choiceIds)
    {
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=radio], input[type=checkbox]"))
        {
            input.IsChecked = choiceIds.Contains(int.Parse(input.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return form;
    }

    public static IHtmlButtonElement Button(this IHtmlFormElement form, string text) =>
        form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Text() == text);

    /// <summary>Start, choose, confirm and submit without JavaScript; returns the attempt id.</summary>
    public static async Task<int> TakeAsync(this HttpClient client, int examId, params int[] choiceIds)
    {
        var attemptId = await client.StartAsync(examId);
        var form = (await client.AnswerFormAsync(attemptId)).Choose(choiceIds);
        var review = await client.SubmitAsync(form, submitter: form.Button("Submit for grading"));
        var (_, confirm) = await client.GetDocumentAsync(review.Headers.Location!.OriginalString);
        var submitted = await client.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("main form")!);
        Assert.Equal($"/attempts/{attemptId}/result", submitted.Headers.Location!.OriginalString);
        return attemptId;
    }
}
