using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly OnlineExamFactory factory = new();

    public ValueTask InitializeAsync()
    {
        factory.Settings["RateLimits:AnswerWritesPerMinute"] = "3";
        factory.Settings["RateLimits:ApiWritesPerMinute"] = "2";
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Answer_saves_past_the_limit_get_429_with_Retry_After_a_fragment_for_htmx_and_a_page_otherwise()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|hasty", "Hasty Hal", "hal@example.test"));
        var other = await factory.SignedInClientAsync(new FakeUser("auth0|calm", "Calm Cat", "cat@example.test"));
        var examId = await factory.ExamIdAsync("SQL Fundamentals");
        var attemptId = await client.StartAsync(examId);
        var form = await client.AnswerFormAsync(attemptId);

        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await client.SubmitAsync(form, submitter: form.Button("Save answers")));
        }

        var htmx = await client.SubmitAsync(form, submitter: form.Button("Save answers"), headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        var plain = await client.SubmitAsync(form, submitter: form.Button("Save answers"));
        var page = await plain.ReadDocumentAsync();
        var reading = await client.GetAsync($"/attempts/{attemptId}");
        var otherAttempt = await other.StartAsync(examId);

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, htmx.StatusCode);
        Assert.True(int.Parse(htmx.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var fragment = await htmx.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Too many changes", fragment, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, plain.StatusCode);
        Assert.True(plain.Headers.Contains("Retry-After"));
        Assert.Equal("Too many changes in a short time", page.QuerySelector("h1").Text());
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.True(otherAttempt > 0);
    }

    [Fact]
    public async Task Api_writes_past_the_limit_get_429_problem_json_per_client()
    {
        HttpClient Client(string subject)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken(subject, ["create:exams"]));
            return client;
        }

        var script = Client("auth0|busy-script");
        var exam = new { title = "Rate limited" };

        var first = await script.PostAsJsonAsync("/api/exams", exam);
        var second = await script.PostAsJsonAsync("/api/exams", exam);
        var third = await script.PostAsJsonAsync("/api/exams", exam);
        var read = await script.GetAsync("/api/exams");
        var otherClient = await Client("auth0|other-script").PostAsJsonAsync("/api/exams", exam);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.HeadersContentType());
        Assert.True(third.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherClient.StatusCode);
    }
}

internal static class ContentExtensions
{
    public static string? HeadersContentType(this HttpContent content) => content.Headers.ContentType?.MediaType;
}
