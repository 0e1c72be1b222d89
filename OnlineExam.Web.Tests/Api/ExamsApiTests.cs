using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Api;

public class ExamsApiTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private const string AuthorSub = "auth0|api-author";

    public static JsonObject Document(int questions = 2) => new()
    {
        ["title"] = "Networking basics",
        ["description"] = "Packets, ports and protocols.",
        ["questions"] = new JsonArray([.. Enumerable.Range(0, questions).Select(i => (JsonNode)(i % 2 == 0
            ? new JsonObject
            {
                ["text"] = $"Which port does HTTPS use by default? ({i})",
                ["explanation"] = "HTTPS listens on 443.",
                ["kind"] = "single",
                ["choices"] = new JsonArray(Choice("80", false), Choice("443", true), Choice("8080", false)),
            }
            : new JsonObject
            {
                ["text"] = $"Which of these are transport protocols? ({i})",
                ["explanation"] = "TCP and UDP are transport-layer protocols; HTTP is an application protocol.",
                ["kind"] = "multiple",
                ["choices"] = new JsonArray(Choice("TCP", true), Choice("UDP", true), Choice("HTTP", false)),
            }))]),
    };

    private static JsonObject Choice(string text, bool correct) => new() { ["text"] = text, ["correct"] = correct };

    private HttpClient Client(string? subject = AuthorSub, params string[] permissions)
    {
        var client = factory.CreateClient();
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                factory.Auth0.AccessToken(subject, permissions.Length == 0 ? ["create:exams"] : permissions));
        }

        return client;
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<int> CreateAsync(JsonObject? document = null, string subject = AuthorSub)
    {
        var response = await Client(subject).PostAsync("/api/exams", Json(document ?? Document()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BodyAsync(response)).GetProperty("id").GetInt32();
    }

    private Task<int> ExamCountAsync() => factory.WithDbAsync(db => db.Exams.CountAsync());

    [Fact]
    public async Task Creating_a_whole_exam_returns_201_with_its_location_and_the_exam_with_answers_for_its_author()
    {
        var response = await Client().PostAsync("/api/exams", Json(Document()));
        var body = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(new Uri($"https://localhost/api/exams/{id}"), response.Headers.Location);
        Assert.True(body.GetProperty("published").GetBoolean());
        Assert.Equal(AuthorSub, body.GetProperty("createdBy").GetString());
        Assert.Equal(AuthorSub, body.GetProperty("lastUpdatedBy").GetString());
        var questions = body.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["single", "multiple"], questions.Select(q => q.GetProperty("kind").GetString()));
        Assert.Equal([false, true, false], questions[0].GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("correct").GetBoolean()));
        Assert.Equal("HTTPS listens on 443.", questions[0].GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task The_tutorials_title_and_description_document_stays_valid_and_cannot_be_started()
    {
        var response = await Client().PostAsync("/api/exams", Json(new JsonObject { ["title"] = "TypeScript Advanced Exam", ["description"] = "Tricky questions about TypeScript." }));
        var id = (await BodyAsync(response)).GetProperty("id").GetInt32();
        var user = await factory.SignedInClientAsync(Users.Ada);
        var (_, page) = await user.GetDocumentAsync($"/exams/{id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("No questions yet", page.QuerySelector(".meta").Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".exam__start form"));
    }

    [Fact]
    public async Task Reading_an_exam_publicly_hides_correctness_and_explanations_which_its_author_sees()
    {
        var id = await CreateAsync();

        var anonymous = await BodyAsync(await factory.CreateClient().GetAsync($"/api/exams/{id}"));
        var stranger = await BodyAsync(await Client("auth0|stranger").GetAsync($"/api/exams/{id}"));
        var author = await BodyAsync(await Client().GetAsync($"/api/exams/{id}"));

        foreach (var view in new[] { anonymous, stranger })
        {
            var raw = view.GetRawText();
            Assert.DoesNotContain("correct", raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("explanation", raw, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(3, view.GetProperty("questions")[0].GetProperty("choices").GetArrayLength());
        }

        Assert.True(author.GetProperty("questions")[0].GetProperty("choices")[1].GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task An_invalid_token_on_the_public_read_is_401_not_silently_anonymous()
    {
        var id = await CreateAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken(AuthorSub, ["create:exams"], fault: AccessTokenFault.Expired));

        var response = await client.GetAsync($"/api/exams/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_listed_nowhere_and_only_its_author_can_read_it()
    {
        var document = Document();
        document["published"] = false;
        document["title"] = "Draft via API";
        var id = await CreateAsync(document);

        var list = await factory.CreateClient().GetStringAsync("/api/exams?pageSize=100");
        var (_, home) = await factory.CreateClient().GetDocumentAsync("/");

        Assert.DoesNotContain("Draft via API", list, StringComparison.Ordinal);
        Assert.DoesNotContain(home.QuerySelectorAll(".exam-card__title"), t => t.Text() == "Draft via API");
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/exams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/exams/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_list_is_paged_with_question_counts_and_bounded_page_sizes()
    {
        await CreateAsync();

        var first = await BodyAsync(await factory.CreateClient().GetAsync("/api/exams?page=1&pageSize=2"));
        var tooBig = await factory.CreateClient().GetAsync("/api/exams?pageSize=101");
        var zero = await factory.CreateClient().GetAsync("/api/exams?page=0");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        var item = first.GetProperty("items")[0];
        foreach (var member in new[] { "id", "title", "description", "questionCount", "createdAt", "updatedAt", "lastUpdatedBy" })
        {
            Assert.True(item.TryGetProperty(member, out _), member);
        }

        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.True((await BodyAsync(tooBig)).GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.True((await BodyAsync(zero)).GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task Replacing_an_exam_swaps_its_whole_document()
    {
        var id = await CreateAsync();
        var replacement = Document(questions: 3);
        replacement["title"] = "Networking, revised";
        replacement["published"] = false;

        var response = await Client().PutAsync($"/api/exams/{id}", Json(replacement));
        var body = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Networking, revised", body.GetProperty("title").GetString());
        Assert.False(body.GetProperty("published").GetBoolean());
        Assert.Equal(3, body.GetProperty("questions").GetArrayLength());
        Assert.Equal(3, await factory.WithDbAsync(db => db.Questions.CountAsync(q => q.ExamId == id)));
        Assert.Equal(9, await factory.WithDbAsync(db => db.Choices.CountAsync(c => c.Question!.ExamId == id)));
    }

    [Fact]
    public async Task Deleting_an_exam_is_204_and_removes_it_from_lists_and_reads()
    {
        var id = await CreateAsync();

        var response = await Client().DeleteAsync($"/api/exams/{id}");
        var again = await Client().DeleteAsync($"/api/exams/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/exams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/exams/{id}")).StatusCode);
        Assert.DoesNotContain($"\"id\":{id},", await factory.CreateClient().GetStringAsync("/api/exams?pageSize=100"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_authors_exam_is_403_and_an_unknown_one_404()
    {
        var id = await CreateAsync();
        var other = Client("auth0|other-author");

        var put = await other.PutAsync($"/api/exams/{id}", Json(Document()));
        var delete = await other.DeleteAsync($"/api/exams/{id}");
        var results = await other.GetAsync($"/api/exams/{id}/results");
        var unknownPut = await Client().PutAsync("/api/exams/987654", Json(Document()));
        var unknownDelete = await Client().DeleteAsync("/api/exams/987654");
        var unknownResults = await Client().GetAsync("/api/exams/987654/results");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, results.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownPut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownResults.StatusCode);
        Assert.Equal("Networking basics", await factory.WithDbAsync(db => db.Exams.Where(e => e.Id == id && e.DeletedAt == null).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public async Task Writes_need_a_token_and_the_create_exams_permission()
    {
        var id = await CreateAsync();
        var anonymous = factory.CreateClient();
        var reader = Client("auth0|reader", "read:exams");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"/api/exams/{id}", Json(Document()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/exams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/exams/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/exams", Json(Document()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync($"/api/exams/{id}", Json(Document()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/exams/{id}")).StatusCode);
    }

    public static TheoryData<string, string> Rules => new()
    {
        { "title missing", "title" },
        { "title blank", "title" },
        { "title too long", "title" },
        { "description too long", "description" },
        { "too many questions", "questions" },
        { "question null", "questions[0]" },
        { "question text empty", "questions[0].text" },
        { "question text too long", "questions[0].text" },
        { "explanation too long", "questions[0].explanation" },
        { "kind unknown", "questions[0].kind" },
        { "kind missing", "questions[0].kind" },
        { "one choice", "questions[0].choices" },
        { "eleven choices", "questions[0].choices" },
        { "no choices", "questions[1].choices" },
        { "single with no correct choice", "questions[0].choices" },
        { "single with two correct choices", "questions[0].choices" },
        { "multiple with no correct choice", "questions[1].choices" },
        { "choice text empty", "questions[1].choices[2].text" },
        { "choice text too long", "questions[0].choices[0].text" },
        { "choice null", "questions[0].choices[1]" },
        { "unknown member", "colour" },
        { "unknown nested member", "questions[0].choices[0].isRight" },
        { "wrong type", "title" },
        { "duplicate member", "title" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_rule_is_a_validation_problem_keyed_by_json_path_and_writes_nothing(string rule, string key)
    {
        var document = Document();
        var q0 = document["questions"]![0]!.AsObject();
        var q1 = document["questions"]![1]!.AsObject();
        var body = (string?)null;
        switch (rule)
        {
            case "title missing": document.Remove("title"); break;
            case "title blank": document["title"] = "   "; break;
            case "title too long": document["title"] = new string('t', 201); break;
            case "description too long": document["description"] = new string('d', 2001); break;
            case "too many questions": document["questions"] = new JsonArray([.. Enumerable.Range(0, 201).Select(_ => (JsonNode)q1.DeepClone())]); break;
            case "question null": document["questions"]![0] = null; break;
            case "question text empty": q0["text"] = ""; break;
            case "question text too long": q0["text"] = new string('q', 2001); break;
            case "explanation too long": q0["explanation"] = new string('e', 2001); break;
            case "kind unknown": q0["kind"] = "essay"; break;
            case "kind missing": q0.Remove("kind"); break;
            case "one choice": q0["choices"] = new JsonArray(Choice("only", true)); break;
            case "eleven choices": q0["choices"] = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)Choice($"c{i}", i == 0))]); break;
            case "no choices": q1.Remove("choices"); break;
            case "single with no correct choice": q0["choices"]![1]!["correct"] = false; break;
            case "single with two correct choices": q0["choices"]![0]!["correct"] = true; break;
            case "multiple with no correct choice": foreach (var c in q1["choices"]!.AsArray()) { c!["correct"] = false; } break;
            case "choice text empty": q1["choices"]![2]!["text"] = " "; break;
            case "choice text too long": q0["choices"]![0]!["text"] = new string('c', 2001); break;
            case "choice null": q0["choices"]![1] = null; break;
            case "unknown member": document["colour"] = "blue"; break;
            case "unknown nested member": q0["choices"]![0]!["isRight"] = true; break;
            case "wrong type": document["title"] = 42; break;
            case "duplicate member": body = "{\"title\":\"a\",\"title\":\"b\"}"; break;
        }

        var before = await ExamCountAsync();
        var response = await Client().PostAsync("/api/exams", body is null ? Json(document) : new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _), $"{rule}: errors were {problem.GetProperty("errors").GetRawText()}");
        Assert.Equal(before, await ExamCountAsync());
    }

    [Fact]
    public async Task Published_is_optional_and_defaults_to_true()
    {
        var document = Document();
        document.Remove("published");

        var body = await BodyAsync(await Client().PostAsync("/api/exams", Json(document)));

        Assert.True(body.GetProperty("published").GetBoolean());
    }

    [Theory]
    [InlineData("{\"title\": \"x\",", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("not json at all", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"title\": \"x\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("title=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_bodies_and_wrong_content_types_get_a_problem_document(string body, string contentType, HttpStatusCode expected)
    {
        var before = await ExamCountAsync();

        var post = await Client().PostAsync("/api/exams", new StringContent(body, Encoding.UTF8, contentType));
        var put = await Client().PutAsync($"/api/exams/{await CreateAsync()}", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, post.StatusCode);
        Assert.Equal(expected, put.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before + 1, await ExamCountAsync());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413()
    {
        var document = Document();
        document["description"] = new string('x', 1024 * 1024 + 10);
        var before = await ExamCountAsync();

        var response = await Client().PostAsync("/api/exams", Json(document));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/exams") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()))) };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        var chunkedResponse = await Client().SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await ExamCountAsync());
    }

    [Fact]
    public async Task An_exam_created_by_the_api_is_taken_in_the_browser_flow_and_its_results_come_back_through_the_api()
    {
        var document = Document();
        document["title"] = "API-made exam";
        var id = await CreateAsync(document);
        var key = await factory.AnswerKeyAsync(id);
        var taker = await factory.SignedInClientAsync(new FakeUser("auth0|api-taker", "Api Taker", "taker@example.test"));

        var attemptId = await taker.TakeAsync(id, [.. key[0].Correct, .. key[1].Correct]);
        var results = await BodyAsync(await Client().GetAsync($"/api/exams/{id}/results"));

        var row = Assert.Single(results.GetProperty("items").EnumerateArray());
        Assert.Equal(attemptId, row.GetProperty("attemptId").GetInt32());
        Assert.Equal("Api Taker", row.GetProperty("userName").GetString());
        Assert.Equal(2, row.GetProperty("score").GetInt32());
        Assert.Equal(2, row.GetProperty("maxScore").GetInt32());
        Assert.Equal(100, row.GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task Replacing_or_deleting_an_exam_keeps_graded_results()
    {
        var id = await CreateAsync();
        var key = await factory.AnswerKeyAsync(id);
        var taker = await factory.SignedInClientAsync(new FakeUser("auth0|keeper", "Kee Per", "keeper@example.test"));
        var attemptId = await taker.TakeAsync(id, key[0].Correct);
        var (_, before) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");

        await Client().PutAsync($"/api/exams/{id}", Json(Document(questions: 4)));
        var (_, afterReplace) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");
        await Client().DeleteAsync($"/api/exams/{id}");
        var (_, afterDelete) = await taker.GetDocumentAsync($"/attempts/{attemptId}/result");
        var (_, history) = await taker.GetDocumentAsync("/results");
        var results = await BodyAsync(await Client().GetAsync($"/api/exams/{id}/results"));

        Assert.Equal("1 of 2, 50%", before.QuerySelector(".score__value").Text());
        Assert.Equal(before.QuerySelector(".result-list")!.OuterHtml, afterReplace.QuerySelector(".result-list")!.OuterHtml);
        Assert.Equal(before.QuerySelector(".result-list")!.OuterHtml, afterDelete.QuerySelector(".result-list")!.OuterHtml);
        Assert.Contains("removed", afterDelete.QuerySelector(".result").Text(), StringComparison.Ordinal);
        Assert.Contains("Networking basics (removed)", history.QuerySelectorAll(".history__exam").Select(e => e.Text()));
        Assert.Equal(1, results.GetProperty("items")[0].GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route_the_schemas_and_the_bearer_scheme()
    {
        var document = await BodyAsync(await factory.CreateClient().GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths");
        Assert.Equal(["get", "post"], paths.GetProperty("/api/exams").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["delete", "get", "put"], paths.GetProperty("/api/exams/{id}").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["get"], paths.GetProperty("/api/exams/{id}/results").EnumerateObject().Select(p => p.Name));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "ExamDetail", "QuestionDetail", "ChoiceDetail", "HttpValidationProblemDetails" })
        {
            Assert.True(schemas.TryGetProperty(schema, out _), schema);
        }

        var post = paths.GetProperty("/api/exams").GetProperty("post");
        foreach (var operation in new[] { post, paths.GetProperty("/api/exams/{id}").GetProperty("put") })
        {
            var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal(["title"], body.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            var question = body.GetProperty("properties").GetProperty("questions").GetProperty("items");
            Assert.True(question.GetProperty("properties").GetProperty("choices").GetProperty("items").GetProperty("properties").TryGetProperty("correct", out _));
        }

        Assert.True(post.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.False(paths.GetProperty("/api/exams").GetProperty("get").TryGetProperty("security", out _));
    }
}
