using System.Net;
using AngleSharp.Html.Dom;

namespace OnlineExam.Web.Tests.Infrastructure;

/// <summary>Authoring through the real pages and forms, without JavaScript.</summary>
public static class ManageSteps
{
    public static async Task<int> CreateExamAsync(this HttpClient client, string title, string description = "")
    {
        var (_, page) = await client.GetDocumentAsync("/manage/exams/new");
        var response = await client.SubmitAsync((IHtmlFormElement)page.QuerySelector("main form")!, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Description"] = description,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Dictionary<string, string> QuestionFields(string text, string kind, params (string Text, bool Correct)[] choices)
    {
        var fields = new Dictionary<string, string> { ["Input.Text"] = text, ["Input.Kind"] = kind, ["Input.Explanation"] = $"Because: {text}" };
        for (var i = 0; i < choices.Length; i++)
        {
            fields[$"Input.Choices[{i}].Text"] = choices[i].Text;
            fields[$"Input.Choices[{i}].Correct"] = choices[i].Correct ? "true" : "false";
        }

        return fields;
    }

    /// <summary>Posts a new question with the new-question form's antiforgery token; asserts it was saved.</summary>
    public static async Task<HttpResponseMessage> AddQuestionAsync(this HttpClient client, int examId, string text, string kind, params (string Text, bool Correct)[] choices)
    {
        var url = $"/manage/exams/{examId}/questions";
        var (_, page) = await client.GetDocumentAsync(url);
        var token = page.QuerySelector<IHtmlInputElement>("main form input[name=__RequestVerificationToken]")!.Value;
        var response = await client.PostAsync(url, new FormUrlEncodedContent(QuestionFields(text, kind, choices).Append(new("__RequestVerificationToken", token))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    public static async Task<IHtmlFormElement> QuestionFormAsync(HttpClient client, string url, int choiceRows)
    {
        var (response, page) = await client.GetDocumentAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = (IHtmlFormElement)page.QuerySelector("main form")!;
        for (var guard = 0; form.QuerySelectorAll("input[name$='.Text']").Length < choiceRows; guard++)
        {
            Assert.True(guard < 10, "Add a choice did not add a row");
            var added = await client.SubmitAsync(form, submitter: form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Text() == "Add a choice"));
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            form = (IHtmlFormElement)(await added.ReadDocumentAsync()).QuerySelector("main form")!;
        }

        return form;
    }

    public static IHtmlButtonElement SaveButton(this IHtmlFormElement form) =>
        form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Text() == "Save question");

    public static async Task PublishAsync(this HttpClient client, int examId)
    {
        var (_, page) = await client.GetDocumentAsync($"/manage/exams/{examId}");
        var form = (IHtmlFormElement)page.QuerySelectorAll("main form").First(f => f.QuerySelector("#Input_Published") is not null);
        var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Published"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
