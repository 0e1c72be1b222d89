using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

/// <summary>
/// Thousands of malformed requests, from a signed-in author with valid antiforgery tokens and a
/// valid API token, against every form handler and API endpoint, aimed at another user's exam
/// and attempt: none may answer 5xx, log an error, or change the other user's data.
/// </summary>
public class HostileInputTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private const int Requests = 3000;

    private static readonly string[] Values =
    [
        "", " ", "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1e9", "0x10", "NaN", "true", "null",
        "abc", "<script>alert(1)</script>", "' OR 1=1 --", "\u0000", "\uFFFF", "😀", "../../etc/passwd", "%00", "single", "multiple", "essay",
        new string('x', 2001), new string('y', 20_000), "[]", "{}", "{\"a\":", "\"quoted\"",
    ];

    private static readonly string[] PathValues = [.. Values.Where(v => !v.Contains('\0', StringComparison.Ordinal) && !v.Contains("%00", StringComparison.Ordinal) && v.Length < 3000)];

    private static readonly string[] FieldNames =
    [
        "Input.Title", "Input.Description", "Input.Published", "Input.Text", "Input.Explanation", "Input.Kind",
        "Input.Choices[0].Text", "Input.Choices[0].Correct", "Input.Choices[0].Id", "Input.Choices[1].Text", "Input.Choices[99999].Text", "Input.Choices[-1].Text",
        "Answers[0].QuestionId", "Answers[0].ChoiceIds", "Answers[1].QuestionId", "Answers[-1].ChoiceIds", "Answers[2147483648].QuestionId",
        "id", "attemptId", "questionId", "Id", "CreatedBy", "handler", "direction", "index", "Protocol.client_id",
    ];

    private static readonly string[] Handlers = ["", "Save", "SaveQuestion", "Review", "Start", "Move", "AddChoice", "RemoveChoice", "Item", "Nope", "%00"];

    private static readonly string[] Methods = ["POST", "POST", "POST", "PUT", "PATCH", "DELETE", "GET"];

    [Fact]
    public async Task Malformed_requests_never_answer_5xx_and_never_change_another_users_data()
    {
        var (victimExam, victimAttempt, victimQuestion) = await VictimAsync();
        var before = await FingerprintAsync(victimExam, victimAttempt);
        var intruder = await factory.SignedInClientAsync(new FakeUser("auth0|fuzzer", "Fuzz Fiona", "fuzz@example.test", "create:exams"));
        var (_, page) = await intruder.GetDocumentAsync("/manage/exams/new");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var apiToken = factory.Auth0.AccessToken("auth0|fuzzer", ["create:exams"]);
        var random = new Random(20261204);
        string Id() => random.Next(6) switch
        {
            0 => victimExam.ToString(CultureInfo.InvariantCulture),
            1 => victimAttempt.ToString(CultureInfo.InvariantCulture),
            2 => victimQuestion.ToString(CultureInfo.InvariantCulture),
            // Kestrel itself refuses a NUL in the path with 400 before the app; TestServer throws instead.
            _ => Uri.EscapeDataString(PathValues[random.Next(PathValues.Length)]),
        };
        string Pick(string[] items) => items[random.Next(items.Length)];
        string Short(string value, int max) => value.Length > max ? value[..max] : value;
        var paths = new Func<string>[]
        {
            () => $"/attempts/{Id()}",
            () => $"/attempts/{Id()}/submit",
            () => $"/attempts/{Id()}/result",
            () => $"/exams/{Id()}",
            () => $"/manage/exams/{Id()}",
            () => $"/manage/exams/{Id()}/questions",
            () => $"/manage/exams/{Id()}/questions/{Id()}",
            () => $"/manage/exams/{Id()}/questions/{Id()}/delete",
            () => $"/manage/exams/{Id()}/delete",
            () => "/manage/exams/new",
            () => "/account/logout",
            () => "/dev-auth0/authorize",
        };
        var apiPaths = new Func<string>[]
        {
            () => "/api/exams",
            () => $"/api/exams/{Id()}",
            () => $"/api/exams/{Id()}/results",
            () => $"/api/exams?page={Uri.EscapeDataString(Short(Pick(Values), 20))}&pageSize={Uri.EscapeDataString(Short(Pick(Values), 20))}",
        };

        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var api = random.Next(3) == 0;
            var method = new HttpMethod(Pick(Methods));
            var path = api ? apiPaths[random.Next(apiPaths.Length)]() : paths[random.Next(paths.Length)]();
            if (!api && random.Next(2) == 0)
            {
                path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + Uri.EscapeDataString(Pick(Handlers))
                    + "&questionId=" + Uri.EscapeDataString(Short(Id(), 24)) + "&direction=" + Uri.EscapeDataString(Short(Pick(Values), 8));
            }

            using var request = new HttpRequestMessage(method, path);
            if (api)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", random.Next(10) == 0 ? "not.a.token" : apiToken);
                request.Content = JsonBody(random);
            }
            else if (method != HttpMethod.Get)
            {
                request.Content = FormBody(random, token);
            }

            if (random.Next(4) == 0)
            {
                request.Headers.Add("HX-Request", "true");
            }

            var response = await intruder.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{method} {path} -> {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} requests failed:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, failures.Take(20))}");
        Assert.True(factory.Errors.Entries.Count == 0, string.Join(System.Environment.NewLine, factory.Errors.Entries.Take(5)));
        Assert.Equal(before, await FingerprintAsync(victimExam, victimAttempt));
    }

    [Theory]
    [InlineData("POST", "/account/profile", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/exams/1", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/manage/exams/new", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/exams/1?handler=Nope", HttpStatusCode.OK)]
    [InlineData("GET", "/?handler=Start", HttpStatusCode.OK)]
    public async Task A_method_a_page_does_not_have_is_405_not_an_empty_page(string method, string path, HttpStatusCode expected)
    {
        var client = await factory.SignedInClientAsync(Users.Author);
        var (_, page) = await client.GetDocumentAsync("/manage/exams/new");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_form_key_with_an_unclosed_bracket_is_not_a_500()
    {
        var client = await factory.SignedInClientAsync(Users.Author);
        var (_, page) = await client.GetDocumentAsync("/manage/exams/new");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await client.PostAsync("/manage/exams/new", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Title[", "x"), new("a[b", "c")]));

        Assert.True((int)response.StatusCode < 500, response.StatusCode.ToString());
    }

    private static HttpContent FormBody(Random random, string token)
    {
        switch (random.Next(8))
        {
            case 0:
                var bytes = new byte[random.Next(1, 300)];
                random.NextBytes(bytes);
                var invalid = new ByteArrayContent([.. Encoding.ASCII.GetBytes($"__RequestVerificationToken={token}&Input.Title="), .. bytes, 0xC3, 0x28, 0xFF]);
                invalid.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                return invalid;
            case 1:
                return new StringContent("{\"Input.Title\": 1}", Encoding.UTF8, "application/json");
            default:
                var fields = new List<KeyValuePair<string, string>>();
                if (random.Next(10) > 0)
                {
                    fields.Add(new("__RequestVerificationToken", token));
                }

                for (var n = random.Next(0, 12); n > 0; n--)
                {
                    var name = FieldNames[random.Next(FieldNames.Length)];
                    var value = Values[random.Next(Values.Length)];
                    fields.Add(new(name, value));
                    if (random.Next(4) == 0)
                    {
                        fields.Add(new(name, Values[random.Next(Values.Length)]));
                    }
                }

                return new FormUrlEncodedContent(fields);
        }
    }

    private static StringContent JsonBody(Random random)
    {
        string Value() => random.Next(6) switch
        {
            0 => "null",
            1 => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
            2 => "[]",
            3 => "{}",
            4 => "99999999999999999999999",
            _ => JsonSerializer.Serialize(Values[random.Next(Values.Length)]),
        };
        var body = random.Next(6) switch
        {
            0 => "{\"title\": " + Value() + ", \"questions\": [{\"text\": " + Value() + ", \"kind\": " + Value() + ", \"choices\": [" + Value() + "]}]}",
            1 => "{\"title\": \"t\", \"questions\": " + Value() + "}",
            2 => "{\"title\": \"t\", \"title\": \"u\"}",
            3 => "{\"title\": \"t\", \"questions\": [" + string.Join(',', Enumerable.Repeat("{\"text\":\"q\",\"kind\":\"single\",\"choices\":[{\"text\":\"a\",\"correct\":true},{\"text\":\"b\"}]}", random.Next(199, 260))) + "]",
            4 => Values[random.Next(Values.Length)],
            _ => "{\"title\": \"t\", \"unknown\": " + Value() + "}",
        };
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(5) == 0 ? "text/plain" : "application/json");
        return content;
    }

    private async Task<(int Exam, int Attempt, int Question)> VictimAsync()
    {
        var author = await factory.SignedInClientAsync(new FakeUser("auth0|victim-author", "Victim Author", "va@example.test", "create:exams"));
        var examId = await author.CreateExamAsync("Victim exam", "Must not change.");
        await author.AddQuestionAsync(examId, "Victim question?", "single", ("Yes", true), ("No", false));
        await author.PublishAsync(examId);
        var taker = await factory.SignedInClientAsync(new FakeUser("auth0|victim-taker", "Victim Taker", "vt@example.test"));
        var key = await factory.AnswerKeyAsync(examId);
        var attemptId = await taker.StartAsync(examId);
        var form = (await taker.AnswerFormAsync(attemptId)).Choose(key[0].Correct);
        await taker.SubmitAsync(form, submitter: form.Button("Save answers"));
        return (examId, attemptId, key[0].QuestionId);
    }

    private Task<string> FingerprintAsync(int examId, int attemptId) => factory.WithDbAsync(async db =>
    {
        var exam = await db.Exams.AsNoTracking().Include(e => e.Questions).ThenInclude(q => q.Choices).SingleAsync(e => e.Id == examId);
        var attempt = await db.Attempts.AsNoTracking().Include(a => a.Answers).SingleAsync(a => a.Id == attemptId);
        var state = JsonSerializer.Serialize(new
        {
            exam.Title, exam.Description, exam.Published, exam.UpdatedAt, exam.DeletedAt, exam.LastUpdatedBy,
            Questions = exam.Questions.OrderBy(q => q.Id).Select(q => new { q.Id, q.Text, q.Position, q.Kind, Choices = q.Choices.OrderBy(c => c.Id).Select(c => new { c.Id, c.Text, c.IsCorrect }) }),
            attempt.Status, attempt.Score, attempt.SubmittedAt,
            Answers = attempt.Answers.OrderBy(a => a.Id).Select(a => new { a.QuestionId, a.SelectedChoiceIds, a.Points }),
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
    });
}
