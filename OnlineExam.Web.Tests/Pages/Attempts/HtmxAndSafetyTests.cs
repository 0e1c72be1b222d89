using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Pages.Attempts;

public class HtmxAndSafetyTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private static readonly Dictionary<string, string> Htmx = new() { ["HX-Request"] = "true" };

    private static int counter;

    private async Task<(HttpClient Client, int ExamId, List<AttemptSteps.Key> Key, int AttemptId)> StartAsync(string exam = "TypeScript Advanced Exam")
    {
        var n = Interlocked.Increment(ref counter);
        var client = await factory.SignedInClientAsync(new FakeUser($"auth0|htmx{n}", $"Htmx User {n}", $"htmx{n}@example.test"));
        var examId = await factory.ExamIdAsync(exam);
        var key = await factory.AnswerKeyAsync(examId);
        return (client, examId, key, await client.StartAsync(examId));
    }

    private static IHtmlElement Fieldset(IHtmlFormElement form, int index) => (IHtmlElement)form.QuerySelectorAll("fieldset")[index];

    private static async Task<HttpResponseMessage> SaveQuestionAsync(HttpClient client, IHtmlFormElement form, int index, bool htmx = true)
    {
        var fieldset = Fieldset(form, index);
        var url = new Uri(new Uri(form.Owner!.Url), fieldset.GetAttribute("hx-post")).ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(FormPairs(form)),
        };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        return await client.SendAsync(request);
    }

    private static List<KeyValuePair<string, string>> FormPairs(IHtmlFormElement form) =>
    [
        .. form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" || ((i.Type is "radio" or "checkbox") && i.IsChecked))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)),
    ];

    private Task<List<int>> StoredAsync(int attemptId, int questionId) => factory.WithDbAsync(async db =>
        (await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && a.QuestionId == questionId).Select(a => a.SelectedChoiceIds).SingleOrDefaultAsync()) ?? []);

    [Fact]
    public async Task An_htmx_change_saves_that_question_only_and_returns_a_status_fragment()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var form = (await client.AnswerFormAsync(attemptId)).Choose(key[0].Correct[0], key[1].Correct[0]);

        var response = await SaveQuestionAsync(client, form, 0);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Saved at", html, StringComparison.Ordinal);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.Equal([key[0].Correct[0]], await StoredAsync(attemptId, key[0].QuestionId));
        Assert.Empty(await StoredAsync(attemptId, key[1].QuestionId));
    }

    [Fact]
    public async Task Saving_a_question_is_an_idempotent_upsert()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var multipleIndex = key.FindIndex(k => k.Kind == QuestionKind.MultipleChoice);
        var multiple = key[multipleIndex];
        var form = await client.AnswerFormAsync(attemptId);

        await SaveQuestionAsync(client, form.Choose(multiple.Correct), multipleIndex);
        await SaveQuestionAsync(client, form.Choose(multiple.Correct), multipleIndex);
        await SaveQuestionAsync(client, form.Choose(multiple.Correct[0]), multipleIndex);
        await SaveQuestionAsync(client, form.Choose(), multipleIndex);

        Assert.Empty(await StoredAsync(attemptId, multiple.QuestionId));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AttemptAnswers.CountAsync(a => a.AttemptId == attemptId && a.QuestionId == multiple.QuestionId)));
    }

    [Fact]
    public async Task The_save_question_handler_without_htmx_redirects_back_with_a_status_message()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var form = (await client.AnswerFormAsync(attemptId)).Choose(key[2].Correct[0]);

        var response = await SaveQuestionAsync(client, form, 2, htmx: false);
        var (_, page) = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Your answers are saved.", page.QuerySelector(".status-message").Text());
        Assert.Equal([key[2].Correct[0]], await StoredAsync(attemptId, key[2].QuestionId));
    }

    [Fact]
    public async Task With_htmx_review_and_submit_swap_fragments_and_push_their_urls()
    {
        var (client, _, key, attemptId) = await StartAsync("SQL Fundamentals");
        var form = (await client.AnswerFormAsync(attemptId)).Choose([.. key.SelectMany(k => k.Correct)]);

        var review = await client.SubmitAsync(form, submitter: form.Button("Submit for grading"), headers: Htmx);
        var reviewHtml = await review.Content.ReadAsStringAsync();
        var confirm = await review.ReadDocumentAsync();
        var confirmForm = (IHtmlFormElement)confirm.QuerySelector("form")!;
        var submit = await client.SubmitAsync(confirmForm, headers: Htmx);
        var resultHtml = await submit.Content.ReadAsStringAsync();
        var result = await submit.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.DoesNotContain("<html", reviewHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"/attempts/{attemptId}/submit", review.Headers.GetValues("HX-Push-Url").Single());
        Assert.Equal("Submit your answers for grading?", confirm.QuerySelector("h1").Text());
        Assert.Equal($"/attempts/{attemptId}/submit", confirmForm.GetAttribute("hx-post"));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.DoesNotContain("<html", resultHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"/attempts/{attemptId}/result", submit.Headers.GetValues("HX-Push-Url").Single());
        Assert.Contains("HX-Request", submit.Headers.Vary);
        Assert.Equal("7 of 7, 100%", result.QuerySelector(".score__value").Text());
    }

    [Fact]
    public async Task Without_htmx_the_same_handlers_redirect()
    {
        var (client, _, _, attemptId) = await StartAsync("SQL Fundamentals");
        var form = await client.AnswerFormAsync(attemptId);

        var review = await client.SubmitAsync(form, submitter: form.Button("Submit for grading"));
        var (_, confirm) = await client.GetDocumentAsync(review.Headers.Location!.OriginalString);
        var submit = await client.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("main form")!);
        var (_, result) = await client.GetDocumentAsync(submit.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.NotNull(confirm.QuerySelector("header.site-header"));
        Assert.Equal(7, confirm.QuerySelectorAll(".unanswered li").Length);
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Equal("0 of 7, 0%", result.QuerySelector(".score__value").Text());
    }

    [Fact]
    public async Task Submitting_many_times_at_once_grades_once_and_gives_everyone_the_same_result()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var form = (await client.AnswerFormAsync(attemptId)).Choose([.. key.Take(3).SelectMany(k => k.Correct)]);
        var review = await client.SubmitAsync(form, submitter: form.Button("Submit for grading"));
        var (_, confirm) = await client.GetDocumentAsync(review.Headers.Location!.OriginalString);
        var confirmForm = (IHtmlFormElement)confirm.QuerySelector("main form")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.SubmitAsync(confirmForm, headers: i % 2 == 0 ? Htmx : null)));
        var scores = await Task.WhenAll(responses.Select(async r => r.StatusCode == HttpStatusCode.Redirect
            ? (await client.GetDocumentAsync(r.Headers.Location!.OriginalString)).Document.QuerySelector(".score__value").Text()
            : (await r.ReadDocumentAsync()).QuerySelector(".score__value").Text()));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.All(scores, s => Assert.Equal("3 of 8, 38%", s));
        var rows = await factory.WithDbAsync(db => db.AttemptAnswers.Where(a => a.AttemptId == attemptId).ToListAsync());
        Assert.Equal(8, rows.Count);
        Assert.Equal(Enumerable.Range(1, 8), rows.Select(r => r.GradedPosition!.Value).Order());
        Assert.Equal(3, rows.Sum(r => r.Points));
    }

    [Fact]
    public async Task Saving_after_submission_is_refused_409_for_htmx_and_a_message_otherwise()
    {
        var (client, examId, key, attemptId) = await StartAsync("HTTP Essentials");
        var form = (await client.AnswerFormAsync(attemptId)).Choose(key[0].Wrong[0]);
        await client.SubmitAsync(form, submitter: form.Button("Save answers"));
        var (_, confirm) = await client.GetDocumentAsync($"/attempts/{attemptId}/submit");
        await client.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("main form")!);

        var htmx = await SaveQuestionAsync(client, form.Choose(key[0].Correct), 0);
        var plain = await client.SubmitAsync(form.Choose(key[0].Correct), submitter: form.Button("Save answers"));
        var (_, result) = await client.GetDocumentAsync(plain.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Conflict, htmx.StatusCode);
        Assert.Contains("can no longer change", await htmx.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal($"/attempts/{attemptId}/result", plain.Headers.Location!.OriginalString);
        Assert.Contains("can no longer change", result.QuerySelector(".status-message").Text(), StringComparison.Ordinal);
        Assert.Equal([key[0].Wrong[0]], await StoredAsync(attemptId, key[0].QuestionId));
        Assert.Equal("0 of 6, 0%", result.QuerySelector(".score__value").Text());
    }

    [Fact]
    public async Task Another_users_attempt_is_404_everywhere_and_unchanged()
    {
        var (owner, _, key, attemptId) = await StartAsync("SQL Fundamentals");
        var form = (await owner.AnswerFormAsync(attemptId)).Choose(key[0].Correct);
        await owner.SubmitAsync(form, submitter: form.Button("Save answers"));
        var intruder = await factory.SignedInClientAsync(new FakeUser("auth0|intruder", "In Truder", "in@example.test"));
        var (_, own) = await intruder.GetDocumentAsync("/");
        var token = own.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var body = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Answers[0].QuestionId", key[0].QuestionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Answers[0].ChoiceIds", key[0].Wrong[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

        var gets = await Task.WhenAll(new[] { $"/attempts/{attemptId}", $"/attempts/{attemptId}/submit", $"/attempts/{attemptId}/result", "/attempts/999999" }.Select(intruder.GetAsync));
        var save = await intruder.PostAsync($"/attempts/{attemptId}?handler=Save", body);
        var saveQuestion = await intruder.PostAsync($"/attempts/{attemptId}?handler=SaveQuestion&questionId={key[0].QuestionId}", body);
        var submit = await intruder.PostAsync($"/attempts/{attemptId}/submit", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.All(gets, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, saveQuestion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);
        Assert.Equal(key[0].Correct, await StoredAsync(attemptId, key[0].QuestionId));
        Assert.Equal(AttemptStatus.InProgress, await factory.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Bad_answers_are_refused_with_400_and_change_nothing()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var form = (await client.AnswerFormAsync(attemptId)).Choose(key[0].Correct[0]);
        await client.SubmitAsync(form, submitter: form.Button("Save answers"));
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var otherExamChoice = (await factory.AnswerKeyAsync(await factory.ExamIdAsync("HTTP Essentials")))[0].Correct[0];
        var single = key.First(k => k.Kind == QuestionKind.SingleChoice);
        string Q(int i) => key[i].QuestionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string C(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var cases = new (string Name, List<KeyValuePair<string, string>> Fields)[]
        {
            ("choice of another question", [new("Answers[0].QuestionId", Q(0)), new("Answers[0].ChoiceIds", C(key[1].Correct[0]))]),
            ("choice of another exam", [new("Answers[0].QuestionId", Q(0)), new("Answers[0].ChoiceIds", C(otherExamChoice))]),
            ("forged question id", [new("Answers[0].QuestionId", "987654"), new("Answers[0].ChoiceIds", C(key[0].Correct[0]))]),
            ("two choices on a single-choice question", [new("Answers[0].QuestionId", C(single.QuestionId)), new("Answers[0].ChoiceIds", C(single.Correct[0])), new("Answers[0].ChoiceIds", C(single.Wrong[0]))]),
            ("not a number", [new("Answers[0].QuestionId", Q(0)), new("Answers[0].ChoiceIds", "abc")]),
            ("overflowing number", [new("Answers[0].QuestionId", "99999999999999999999"), new("Answers[0].ChoiceIds", C(key[0].Correct[0]))]),
            ("valid first, forged second", [new("Answers[0].QuestionId", Q(0)), new("Answers[0].ChoiceIds", C(key[0].Wrong[0])), new("Answers[1].QuestionId", "-5")]),
        };

        foreach (var (name, fields) in cases)
        {
            var all = fields.Prepend(new("__RequestVerificationToken", token)).ToList();
            var save = await client.PostAsync($"/attempts/{attemptId}?handler=Save", new FormUrlEncodedContent(all));
            var htmxQuestion = fields.Last(f => f.Key.EndsWith(".QuestionId", StringComparison.Ordinal)).Value;
            using var htmxRequest = new HttpRequestMessage(HttpMethod.Post, $"/attempts/{attemptId}?handler=SaveQuestion&questionId={htmxQuestion}") { Content = new FormUrlEncodedContent(all) };
            htmxRequest.Headers.Add("HX-Request", "true");
            var htmx = await client.SendAsync(htmxRequest);
            var page = await save.ReadDocumentAsync();

            Assert.True(save.StatusCode == HttpStatusCode.BadRequest, $"{name}: save answered {save.StatusCode}");
            Assert.True(htmx.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{name}: htmx save answered {htmx.StatusCode}");
            Assert.NotNull(page.QuerySelector(".error-summary"));
            Assert.Equal([key[0].Correct[0]], await StoredAsync(attemptId, key[0].QuestionId));
        }
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_400_and_change_nothing()
    {
        var (client, examId, key, attemptId) = await StartAsync();
        var fields = new FormUrlEncodedContent([new("Answers[0].QuestionId", key[0].QuestionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Answers[0].ChoiceIds", key[0].Correct[0].ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        var responses = new[]
        {
            await client.PostAsync($"/attempts/{attemptId}?handler=Save", fields),
            await client.PostAsync($"/attempts/{attemptId}?handler=SaveQuestion&questionId={key[0].QuestionId}", fields),
            await client.PostAsync($"/attempts/{attemptId}?handler=Review", fields),
            await client.PostAsync($"/attempts/{attemptId}/submit", fields),
            await client.PostAsync($"/exams/{examId}?handler=Start", fields),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Empty(await StoredAsync(attemptId, key[0].QuestionId));
        Assert.Equal(AttemptStatus.InProgress, await factory.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_oversized_form_is_400_not_500()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var form = await client.AnswerFormAsync(attemptId);
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var huge = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>("Answers[0].ChoiceIds", "1"))
            .Prepend(new("__RequestVerificationToken", token)).ToList();
        var longValue = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Answers[0].QuestionId", new string('9', 100_000)) };

        var many = await client.PostAsync($"/attempts/{attemptId}?handler=Save", new FormUrlEncodedContent(huge));
        var large = await client.PostAsync($"/attempts/{attemptId}?handler=Save", new FormUrlEncodedContent(longValue));

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Empty(await StoredAsync(attemptId, key[0].QuestionId));
    }

    [Fact]
    public async Task No_response_before_grading_reveals_which_choices_are_correct()
    {
        var (client, _, key, attemptId) = await StartAsync();
        var form = (await client.AnswerFormAsync(attemptId)).Choose(key[0].Wrong[0]);

        var bodies = new List<string>
        {
            await (await client.GetAsync($"/attempts/{attemptId}")).Content.ReadAsStringAsync(),
            await (await SaveQuestionAsync(client, form, 0)).Content.ReadAsStringAsync(),
            await (await client.SubmitAsync(form, submitter: form.Button("Submit for grading"), headers: Htmx)).Content.ReadAsStringAsync(),
            await (await client.GetAsync($"/attempts/{attemptId}/submit")).Content.ReadAsStringAsync(),
        };
        var page = await (await client.GetAsync($"/attempts/{attemptId}")).ReadDocumentAsync();

        Assert.All(bodies, body => Assert.DoesNotContain("correct", body, StringComparison.OrdinalIgnoreCase));
        foreach (var question in key)
        {
            var markup = question.Correct.Concat(question.Wrong)
                .Select(id => page.QuerySelector($"#choice-{id}")!)
                .Select(input => string.Join(' ', input.Attributes.Where(a => a.Name is not ("id" or "value" or "checked")).Select(a => $"{a.Name}={a.Value}")))
                .Distinct();
            Assert.Single(markup);
        }
    }

    [Fact]
    public async Task The_answer_and_result_pages_use_a_fixed_number_of_queries_whatever_the_question_count()
    {
        var counts = new Dictionary<string, (int Take, int Result)>();
        foreach (var exam in new[] { "HTTP Essentials", "TypeScript Advanced Exam" })
        {
            var (client, _, key, attemptId) = await StartAsync(exam);
            await client.GetAsync($"/attempts/{attemptId}");
            factory.Queries.Reset();
            (await client.GetAsync($"/attempts/{attemptId}")).EnsureSuccessStatusCode();
            var take = PageQueries();
            var (_, confirm) = await client.GetDocumentAsync($"/attempts/{attemptId}/submit");
            await client.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("main form")!);
            factory.Queries.Reset();
            (await client.GetAsync($"/attempts/{attemptId}/result")).EnsureSuccessStatusCode();
            counts[exam] = (take, PageQueries());
        }

        // A signed-in request may also read its session row (revocable sessions, remembered for a minute); that one is not the page's.
        int PageQueries()
        {
            var commands = factory.Queries.Commands;
            Assert.InRange(commands.Count(c => c.Contains("\"Sessions\"", StringComparison.Ordinal)), 0, 1);
            return commands.Count(c => !c.Contains("\"Sessions\"", StringComparison.Ordinal));
        }

        Assert.Equal(counts["HTTP Essentials"], counts["TypeScript Advanced Exam"]);
        Assert.InRange(counts["HTTP Essentials"].Take, 1, 3);
        Assert.InRange(counts["HTTP Essentials"].Result, 1, 2);
    }
}
