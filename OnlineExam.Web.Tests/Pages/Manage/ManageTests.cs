using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Pages.Manage;

public class ManageTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private static readonly Dictionary<string, string> Htmx = new() { ["HX-Request"] = "true" };
    private static readonly string[] ManagePaths = ["/manage", "/manage/exams/new", "/manage/exams/1", "/manage/exams/1/questions", "/manage/exams/1/delete"];
    private static int counter;

    private Task<HttpClient> AuthorAsync()
    {
        var n = Interlocked.Increment(ref counter);
        return factory.SignedInClientAsync(new FakeUser($"auth0|author{n}", $"Author {n}", $"author{n}@example.test", "create:exams"));
    }

    private async Task<(HttpClient Client, int ExamId)> ExamWithQuestionsAsync(int questions = 2)
    {
        var client = await AuthorAsync();
        var id = await client.CreateExamAsync("Authored exam", "Written in the browser.");
        for (var i = 1; i <= questions; i++)
        {
            await client.AddQuestionAsync(id, $"Question number {i}?", "single", ($"Right {i}", true), ($"Wrong {i}", false));
        }

        return (client, id);
    }

    private Task<List<string>> QuestionTextsAsync(int examId) =>
        factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == examId).OrderBy(q => q.Position).Select(q => q.Text).ToListAsync());

    [Fact]
    public async Task Without_create_exams_there_is_no_Manage_link_and_manage_pages_are_403()
    {
        var client = await factory.SignedInClientAsync(Users.Grace);
        var author = await AuthorAsync();

        var (_, home) = await client.GetDocumentAsync("/");
        var (_, authorHome) = await author.GetDocumentAsync("/");
        var responses = await Task.WhenAll(ManagePaths.Select(client.GetAsync));
        var post = await client.PostAsync("/manage/exams/new", new FormUrlEncodedContent([new("Input.Title", "x")]));
        var anonymous = await factory.CreateClient().GetAsync("/manage");

        Assert.Null(home.QuerySelector("a.nav-manage"));
        Assert.NotNull(authorHome.QuerySelector("a.nav-manage"));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith($"https://{FakeAuth0.Domain}/authorize", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_add_questions_publish_then_it_is_listed_and_another_user_can_take_it()
    {
        var author = await AuthorAsync();
        var taker = await factory.SignedInClientAsync(new FakeUser("auth0|manage-taker", "Manage Taker", "mt@example.test"));

        var id = await author.CreateExamAsync("Browser-made exam", "Made without scripts.");
        var (_, draftEdit) = await author.GetDocumentAsync($"/manage/exams/{id}");
        var draftForOthers = await taker.GetAsync($"/exams/{id}");
        var first = await author.AddQuestionAsync(id, "Which planet is largest?", "single", ("Earth", false), ("Jupiter", true), ("Mars", false));
        var second = await author.AddQuestionAsync(id, "Which are noble gases?", "multiple", ("Neon", true), ("Argon", true), ("Oxygen", false), ("Nitrogen", false));
        await author.PublishAsync(id);
        var (_, home) = await taker.GetDocumentAsync("/");
        var key = await factory.AnswerKeyAsync(id);
        var attemptId = await taker.TakeAsync(id, [.. key[0].Correct, .. key[1].Correct]);
        var (_, result) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");
        var (_, list) = await author.GetDocumentAsync("/manage");

        Assert.Equal("Draft", draftEdit.QuerySelector(".exam-status").Text());
        Assert.Equal(HttpStatusCode.NotFound, draftForOthers.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith($"/manage/exams/{id}#question-", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var card = home.QuerySelectorAll(".exam-card").Single(c => c.QuerySelector(".exam-card__title").Text() == "Browser-made exam");
        Assert.Equal("2 questions", card.QuerySelector(".question-count").Text());
        Assert.Equal("2 of 2, 100%", result.QuerySelector(".score__value").Text());
        var row = list.QuerySelectorAll(".manage-row").Single(r => r.QuerySelector(".manage-row__title").Text() == "Browser-made exam");
        Assert.Equal(("Published", "2", "1", "100%"), (row.QuerySelector(".manage-row__status").Text(), row.QuerySelector(".manage-row__questions").Text(),
            row.QuerySelector(".manage-row__attempts").Text(), row.QuerySelector(".manage-row__average").Text()));
        var stored = await factory.WithDbAsync(db => db.Exams.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(("auth0|author" + stored.CreatedBy["auth0|author".Length..], stored.CreatedBy), (stored.LastUpdatedBy, stored.CreatedBy));
    }

    public static TheoryData<string, Dictionary<string, string>, string, string> ExamRuleCases => new()
    {
        { "title empty", new() { ["Input.Title"] = "" }, "Input.Title", "Enter a title." },
        { "title too long", new() { ["Input.Title"] = new string('t', 201) }, "Input.Title", "The title must be 200 characters or fewer." },
        { "description too long", new() { ["Input.Title"] = "Fine", ["Input.Description"] = new string('d', 2001) }, "Input.Description", "The description must be 2000 characters or fewer." },
    };

    [Theory]
    [MemberData(nameof(ExamRuleCases))]
    public async Task Exam_rules_show_a_summary_and_an_inline_error_and_keep_the_input(string rule, Dictionary<string, string> values, string field, string message)
    {
        var client = await AuthorAsync();
        var (_, page) = await client.GetDocumentAsync("/manage/exams/new");
        var before = await factory.WithDbAsync(db => db.Exams.CountAsync());

        var response = await client.SubmitAsync((IHtmlFormElement)page.QuerySelector("main form")!, values);
        var after = await response.ReadDocumentAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, rule);
        Assert.Contains(after.QuerySelectorAll(".error-summary a"), a => a.Text() == message && a.GetAttribute("href") == "#" + field.Replace('.', '_'));
        Assert.Equal(message, after.QuerySelector($"#{field.Replace('.', '_')}-error").Text());
        foreach (var (name, value) in values)
        {
            var element = after.QuerySelector($"[name='{name}']");
            Assert.Equal(value, element is IHtmlTextAreaElement area ? area.Value : ((IHtmlInputElement)element!).Value);
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.Exams.CountAsync()));
    }

    public static TheoryData<string, string, string> QuestionRuleCases => new()
    {
        { "question text empty", "Input.Text", "Enter the text of the question." },
        { "question text too long", "Input.Text", "The text of the question must be 2000 characters or fewer." },
        { "explanation too long", "Input.Explanation", "The explanation must be 2000 characters or fewer." },
        { "kind missing", "Input.Kind", "Choose the kind: single (one correct choice) or multiple (one or more)." },
        { "kind forged", "Input.Kind", "Choose the kind: single (one correct choice) or multiple (one or more)." },
        { "one choice", "Input.Choices", "A question has 2 to 10 choices." },
        { "eleven choices", "Input.Choices", "A question has 2 to 10 choices." },
        { "single with no correct", "Input.Choices", "A single-choice question has exactly one correct choice." },
        { "single with two correct", "Input.Choices", "A single-choice question has exactly one correct choice." },
        { "multiple with no correct", "Input.Choices", "A multiple-choice question has at least one correct choice." },
        { "choice text empty", "Input.Choices[1].Text", "Enter the text of the choice." },
        { "choice text too long", "Input.Choices[0].Text", "The text of the choice must be 2000 characters or fewer." },
    };

    [Theory]
    [MemberData(nameof(QuestionRuleCases))]
    public async Task Question_rules_are_the_APIs_shown_as_form_errors_with_the_input_kept(string rule, string field, string message)
    {
        var client = await AuthorAsync();
        var id = await client.CreateExamAsync("Rules exam");
        var form = await ManageSteps.QuestionFormAsync(client, $"/manage/exams/{id}/questions", 2);
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var fields = ManageSteps.QuestionFields("A fine question?", "single", ("Yes", true), ("No", false));
        switch (rule)
        {
            case "question text empty": fields["Input.Text"] = "  "; break;
            case "question text too long": fields["Input.Text"] = new string('q', 2001); break;
            case "explanation too long": fields["Input.Explanation"] = new string('e', 2001); break;
            case "kind missing": fields.Remove("Input.Kind"); break;
            case "kind forged": fields["Input.Kind"] = "essay"; break;
            case "one choice": fields.Remove("Input.Choices[1].Text"); fields.Remove("Input.Choices[1].Correct"); break;
            case "eleven choices":
                for (var i = 2; i < 11; i++)
                {
                    fields[$"Input.Choices[{i}].Text"] = $"Extra {i}";
                }

                break;
            case "single with no correct": fields["Input.Choices[0].Correct"] = "false"; break;
            case "single with two correct": fields["Input.Choices[1].Correct"] = "true"; break;
            case "multiple with no correct": fields["Input.Kind"] = "multiple"; fields["Input.Choices[0].Correct"] = "false"; break;
            case "choice text empty": fields["Input.Choices[1].Text"] = ""; break;
            case "choice text too long": fields["Input.Choices[0].Text"] = new string('c', 2001); break;
        }

        var response = await client.PostAsync($"/manage/exams/{id}/questions", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        var page = await response.ReadDocumentAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{rule}: {response.StatusCode}");
        Assert.Contains(page.QuerySelectorAll(".error-summary a"), a => a.Text() == message && a.GetAttribute("href") == "#" + field.Replace('.', '_').Replace('[', '_').Replace(']', '_'));
        Assert.Contains(page.QuerySelectorAll(".field__error"), e => e.Text() == message);
        Assert.Equal(fields["Input.Text"].Trim(), page.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value);
        if (fields.TryGetValue("Input.Choices[0].Text", out var firstChoice))
        {
            Assert.Equal(firstChoice, page.QuerySelector<IHtmlInputElement>("#Input_Choices_0_Text")!.Value);
        }

        Assert.Empty(await QuestionTextsAsync(id));
    }

    [Fact]
    public async Task Each_htmx_handler_answers_a_fragment_with_HX_Request_and_a_page_or_redirect_without()
    {
        var (client, id) = await ExamWithQuestionsAsync(3);
        var questionIds = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync());
        var (_, edit) = await client.GetDocumentAsync($"/manage/exams/{id}");

        async Task<(HttpResponseMessage Response, string Html)> Get(string url, bool htmx)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (htmx)
            {
                request.Headers.Add("HX-Request", "true");
            }

            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadAsStringAsync());
        }

        foreach (var htmx in new[] { true, false })
        {
            var (editForm, editFormHtml) = await Get($"/manage/exams/{id}/questions/{questionIds[0]}", htmx);
            var (newForm, _) = await Get($"/manage/exams/{id}/questions", htmx);
            var (confirm, confirmHtml) = await Get($"/manage/exams/{id}/questions/{questionIds[0]}/delete", htmx);
            Assert.Equal(HttpStatusCode.OK, editForm.StatusCode);
            Assert.Equal(HttpStatusCode.OK, newForm.StatusCode);
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Equal(!htmx, editFormHtml.Contains("<html", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(!htmx, confirmHtml.Contains("<html", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("HX-Request", editForm.Headers.Vary);
        }

        var (item, itemHtml) = await Get($"/manage/exams/{id}/questions/{questionIds[1]}?handler=Item", true);
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Contains("Question number 2?", itemHtml, StringComparison.Ordinal);

        var moveForm = (IHtmlFormElement)edit.QuerySelector($"#question-{questionIds[2]} form[action*='direction=up']")!;
        var movedHtmx = await client.SubmitAsync(moveForm, headers: Htmx);
        var movedHtml = await movedHtmx.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, movedHtmx.StatusCode);
        Assert.DoesNotContain("<html", movedHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["Question number 1?", "Question number 3?", "Question number 2?"], await QuestionTextsAsync(id));
        var movedPlain = await client.SubmitAsync((IHtmlFormElement)edit.QuerySelector($"#question-{questionIds[0]} form[action*='direction=down']")!);
        Assert.Equal(HttpStatusCode.Redirect, movedPlain.StatusCode);
        Assert.Equal(["Question number 3?", "Question number 1?", "Question number 2?"], await QuestionTextsAsync(id));

        var form = await ManageSteps.QuestionFormAsync(client, $"/manage/exams/{id}/questions/{questionIds[0]}", 2);
        var addHtmx = await client.SubmitAsync(form, submitter: form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Text() == "Add a choice"), headers: Htmx);
        var addDoc = await addHtmx.ReadDocumentAsync();
        Assert.DoesNotContain("<html", await addHtmx.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, addDoc.QuerySelectorAll("input[name$='.Text']").Length);
        var grown = (IHtmlFormElement)addDoc.QuerySelector("form")!;
        var removeHtmx = await client.SubmitAsync(grown, submitter: grown.QuerySelectorAll<IHtmlButtonElement>("button").First(b => b.Text().StartsWith("Remove", StringComparison.Ordinal)), headers: Htmx);
        Assert.Equal(2, (await removeHtmx.ReadDocumentAsync()).QuerySelectorAll("input[name$='.Text']").Length);

        var saveHtmx = await client.SubmitAsync(form, ManageSteps.QuestionFields("Edited in place?", "single", ("Right", true), ("Wrong", false)), form.SaveButton(), Htmx);
        Assert.Equal(HttpStatusCode.OK, saveHtmx.StatusCode);
        Assert.Equal("#questions", saveHtmx.Headers.GetValues("HX-Retarget").Single());
        Assert.Contains("Edited in place?", await saveHtmx.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var invalidHtmx = await client.SubmitAsync(form, ManageSteps.QuestionFields("", "single", ("Right", true), ("Wrong", false)), form.SaveButton(), Htmx);
        Assert.Equal(HttpStatusCode.OK, invalidHtmx.StatusCode);
        Assert.False(invalidHtmx.Headers.Contains("HX-Retarget"));
        Assert.Contains("Enter the text of the question.", await invalidHtmx.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, confirmPage) = await client.GetDocumentAsync($"/manage/exams/{id}/questions/{questionIds[0]}/delete");
        var deleteHtmx = await client.SubmitAsync((IHtmlFormElement)confirmPage.QuerySelector("main form")!, headers: Htmx);
        Assert.Equal(HttpStatusCode.OK, deleteHtmx.StatusCode);
        Assert.DoesNotContain("<html", await deleteHtmx.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var (_, confirmPage2) = await client.GetDocumentAsync($"/manage/exams/{id}/questions/{questionIds[1]}/delete");
        var deletePlain = await client.SubmitAsync((IHtmlFormElement)confirmPage2.QuerySelector("main form")!);
        Assert.Equal(HttpStatusCode.Redirect, deletePlain.StatusCode);
        Assert.Equal(["Question number 3?"], await QuestionTextsAsync(id));
        Assert.Equal([1], await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).Select(q => q.Position).ToListAsync()));
    }

    [Fact]
    public async Task Without_JavaScript_adding_and_removing_choice_rows_keeps_what_was_typed()
    {
        var client = await AuthorAsync();
        var id = await client.CreateExamAsync("Rows exam");
        var (_, page) = await client.GetDocumentAsync($"/manage/exams/{id}/questions");
        var form = (IHtmlFormElement)page.QuerySelector("main form")!;

        var added = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Text"] = "Typed question?", ["Input.Choices[0].Text"] = "Typed choice" },
            form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Text() == "Add a choice"));
        var grown = await added.ReadDocumentAsync();
        var grownForm = (IHtmlFormElement)grown.QuerySelector("main form")!;
        var removed = await client.SubmitAsync(grownForm, submitter: grownForm.QuerySelectorAll<IHtmlButtonElement>("button").Where(b => b.Text().StartsWith("Remove", StringComparison.Ordinal)).Last());
        var shrunk = await removed.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal($"/manage/exams/{id}/questions", form.GetAttribute("action"));
        Assert.Equal(4, grown.QuerySelectorAll("input[name$='.Text']").Length);
        Assert.Equal("Typed question?", grown.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value);
        Assert.Equal("Typed choice", grown.QuerySelector<IHtmlInputElement>("#Input_Choices_0_Text")!.Value);
        Assert.NotNull(grown.QuerySelector("header.site-header"));
        Assert.Empty(grown.QuerySelectorAll(".error-summary"));
        Assert.Equal(3, shrunk.QuerySelectorAll("input[name$='.Text']").Length);
        Assert.Equal("Typed choice", shrunk.QuerySelector<IHtmlInputElement>("#Input_Choices_0_Text")!.Value);
        Assert.Empty(await QuestionTextsAsync(id));
    }

    [Fact]
    public async Task Another_authors_exam_is_404_on_every_handler_and_unchanged()
    {
        var (owner, id) = await ExamWithQuestionsAsync(2);
        var questionId = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).OrderBy(q => q.Position).Select(q => q.Id).FirstAsync());
        var other = await AuthorAsync();
        var (_, ownPage) = await other.GetDocumentAsync("/manage/exams/new");
        var token = ownPage.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        FormUrlEncodedContent Body(IEnumerable<KeyValuePair<string, string>> fields) => new(fields.Append(new("__RequestVerificationToken", token)));
        var questionFields = ManageSteps.QuestionFields("Hijacked?", "single", ("a", true), ("b", false)).ToArray();

        var gets = await Task.WhenAll(new[]
        {
            $"/manage/exams/{id}", $"/manage/exams/{id}/questions", $"/manage/exams/{id}/questions/{questionId}",
            $"/manage/exams/{id}/questions/{questionId}?handler=Item", $"/manage/exams/{id}/questions/{questionId}/delete", $"/manage/exams/{id}/delete",
        }.Select(other.GetAsync));
        var posts = new[]
        {
            await other.PostAsync($"/manage/exams/{id}", Body([new("Input.Title", "Hijacked")])),
            await other.PostAsync($"/manage/exams/{id}?handler=Move&questionId={questionId}&direction=down", Body([])),
            await other.PostAsync($"/manage/exams/{id}/questions", Body(questionFields)),
            await other.PostAsync($"/manage/exams/{id}/questions/{questionId}", Body(questionFields)),
            await other.PostAsync($"/manage/exams/{id}/questions/{questionId}?handler=AddChoice", Body(questionFields)),
            await other.PostAsync($"/manage/exams/{id}/questions/{questionId}/delete", Body([])),
            await other.PostAsync($"/manage/exams/{id}/delete", Body([])),
        };

        Assert.All(gets, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.All(posts, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(["Question number 1?", "Question number 2?"], await QuestionTextsAsync(id));
        Assert.Equal("Authored exam", await factory.WithDbAsync(db => db.Exams.Where(e => e.Id == id && e.DeletedAt == null).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public async Task Every_authoring_post_without_the_antiforgery_token_is_400()
    {
        var (client, id) = await ExamWithQuestionsAsync(2);
        var questionId = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).Select(q => q.Id).FirstAsync());
        var fields = new FormUrlEncodedContent(ManageSteps.QuestionFields("No token?", "single", ("a", true), ("b", false)).Append(new("Input.Title", "No token")));

        var responses = new[]
        {
            await client.PostAsync("/manage/exams/new", fields),
            await client.PostAsync($"/manage/exams/{id}", fields),
            await client.PostAsync($"/manage/exams/{id}?handler=Move&questionId={questionId}&direction=down", fields),
            await client.PostAsync($"/manage/exams/{id}/questions", fields),
            await client.PostAsync($"/manage/exams/{id}/questions/{questionId}", fields),
            await client.PostAsync($"/manage/exams/{id}/questions/{questionId}?handler=AddChoice", fields),
            await client.PostAsync($"/manage/exams/{id}/questions/{questionId}?handler=RemoveChoice&index=0", fields),
            await client.PostAsync($"/manage/exams/{id}/questions/{questionId}/delete", fields),
            await client.PostAsync($"/manage/exams/{id}/delete", fields),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(["Question number 1?", "Question number 2?"], await QuestionTextsAsync(id));
    }

    [Fact]
    public async Task Overposted_fields_change_nothing_they_should_not()
    {
        var (client, id) = await ExamWithQuestionsAsync(1);
        var (otherClient, otherId) = await ExamWithQuestionsAsync(1);
        var otherChoice = await factory.WithDbAsync(db => db.Choices.Where(c => c.Question!.ExamId == otherId).OrderBy(c => c.Id).Select(c => new { c.Id, c.Text }).FirstAsync());
        var otherQuestionId = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == otherId).Select(q => q.Id).SingleAsync());
        var questionId = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).Select(q => q.Id).SingleAsync());
        var (_, edit) = await client.GetDocumentAsync($"/manage/exams/{id}");
        var examForm = (IHtmlFormElement)edit.QuerySelectorAll("main form").First(f => f.QuerySelector("#Input_Published") is not null);
        var token = examForm.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        await client.PostAsync($"/manage/exams/{id}", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Input.Title", "Renamed"), new("Input.CreatedBy", "auth0|someone-else"),
            new("Id", otherId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("CreatedBy", "auth0|someone-else"), new("Input.Id", "1"),
        ]));
        var choiceFields = ManageSteps.QuestionFields("Still mine?", "single", ("Mine", true), ("Also mine", false));
        choiceFields["Input.Choices[0].Id"] = otherChoice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await client.PostAsync($"/manage/exams/{id}/questions/{questionId}", new FormUrlEncodedContent(choiceFields.Append(new("__RequestVerificationToken", token))));
        var crossExam = await client.PostAsync($"/manage/exams/{id}/questions/{otherQuestionId}", new FormUrlEncodedContent(choiceFields.Append(new("__RequestVerificationToken", token))));

        var exam = await factory.WithDbAsync(db => db.Exams.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal("Renamed", exam.Title);
        Assert.StartsWith("auth0|author", exam.CreatedBy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, crossExam.StatusCode);
        Assert.Equal(otherChoice.Text, await factory.WithDbAsync(db => db.Choices.Where(c => c.Id == otherChoice.Id).Select(c => c.Text).SingleAsync()));
        Assert.Equal(otherQuestionId, await factory.WithDbAsync(db => db.Choices.Where(c => c.Id == otherChoice.Id).Select(c => c.QuestionId).SingleAsync()));
        Assert.Equal(["Mine", "Also mine"], await factory.WithDbAsync(db => db.Choices.Where(c => c.QuestionId == questionId).OrderBy(c => c.Position).Select(c => c.Text).ToListAsync()));
        Assert.Equal(["Question number 1?"], await QuestionTextsAsync(otherId));
        _ = otherClient;
    }

    [Fact]
    public async Task Editing_a_question_keeps_its_choice_ids_and_graded_results_stay_as_graded()
    {
        var (author, id) = await ExamWithQuestionsAsync(1);
        await author.PublishAsync(id);
        var questionId = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).Select(q => q.Id).SingleAsync());
        var choiceIds = await factory.WithDbAsync(db => db.Choices.Where(c => c.QuestionId == questionId).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync());
        var taker = await factory.SignedInClientAsync(new FakeUser("auth0|graded-taker", "Graded Taker", "gt@example.test"));
        var attemptId = await taker.TakeAsync(id, choiceIds[0]);
        var (_, before) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");

        var form = await ManageSteps.QuestionFormAsync(author, $"/manage/exams/{id}/questions/{questionId}", 2);
        await author.SubmitAsync(form, ManageSteps.QuestionFields("Reworded?", "single", ("Now wrong", false), ("Now right", true)), form.SaveButton());
        var (_, after) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");

        Assert.Equal(choiceIds, await factory.WithDbAsync(db => db.Choices.Where(c => c.QuestionId == questionId).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync()));
        Assert.Equal("1 of 1, 100%", after.QuerySelector(".score__value").Text());
        Assert.Equal(before.QuerySelector(".result-list")!.OuterHtml, after.QuerySelector(".result-list")!.OuterHtml);
    }

    [Fact]
    public async Task Removing_an_exam_asks_first_then_takes_it_off_every_list_and_takers_keep_their_history()
    {
        var (author, id) = await ExamWithQuestionsAsync(1);
        await author.PublishAsync(id);
        var taker = await factory.SignedInClientAsync(new FakeUser("auth0|history-keeper", "History Keeper", "hk@example.test"));
        var key = await factory.AnswerKeyAsync(id);
        var attemptId = await taker.TakeAsync(id, key[0].Correct);

        var (_, confirm) = await author.GetDocumentAsync($"/manage/exams/{id}/delete");
        var removed = await author.SubmitAsync((IHtmlFormElement)confirm.QuerySelector("main form")!);
        var (_, manage) = await author.GetDocumentAsync(removed.Headers.Location!.OriginalString);
        var (_, home) = await taker.GetDocumentAsync("/");
        var (_, history) = await taker.GetDocumentAsync("/results");
        var (resultResponse, result) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");

        Assert.Contains("The one person who took it keeps their result.", confirm.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.Equal("/manage", removed.Headers.Location!.OriginalString);
        Assert.Contains("was removed", manage.QuerySelector(".status-message").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(manage.QuerySelectorAll(".manage-row__title"), t => t.GetAttribute("href") == $"/manage/exams/{id}");
        Assert.DoesNotContain(home.QuerySelectorAll(".exam-card__title a"), a => a.GetAttribute("href") == $"/exams/{id}");
        Assert.Contains(history.QuerySelectorAll(".history__row"), r => r.QuerySelector(".history__exam").Text() == "Authored exam (removed)"
            && r.QuerySelector(".history__score").Text() == "1 of 1, 100%");
        Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await taker.GetAsync($"/exams/{id}")).StatusCode);
    }
}
