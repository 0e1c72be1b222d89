using System.Net;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Pages.Exams;

public class DetailsTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    [Fact]
    public async Task An_exam_page_shows_its_title_description_and_question_texts_in_order()
    {
        var id = await factory.WithDbAsync(db => db.Exams.Where(e => e.Title == "HTTP Essentials").Select(e => e.Id).SingleAsync());
        var expected = await factory.WithDbAsync(db => db.Questions.Where(q => q.ExamId == id).OrderBy(q => q.Position).Select(q => q.Text).ToListAsync());
        var client = factory.CreateBrowserlessClient();

        var (response, document) = await client.GetDocumentAsync($"/exams/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HTTP Essentials", document.QuerySelector("h1").Text());
        Assert.StartsWith("Methods, status codes", document.QuerySelector(".lead").Text(), StringComparison.Ordinal);
        Assert.Equal(expected, document.QuerySelectorAll(".question-outline__text").Select(e => e.Text()));
        Assert.Contains("6 questions", document.QuerySelector(".meta").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exam_page_reveals_no_choice_and_no_correctness()
    {
        var id = await factory.WithDbAsync(db => db.Exams.Where(e => e.Title == "SQL Fundamentals").Select(e => e.Id).SingleAsync());
        var choices = await factory.WithDbAsync(db => db.Choices.Where(c => c.Question!.ExamId == id).Select(c => c.Text).ToListAsync());
        var client = factory.CreateBrowserlessClient();

        var html = await (await client.GetAsync($"/exams/{id}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("correct", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(choices, c => html.Contains(System.Net.WebUtility.HtmlEncode(c), StringComparison.Ordinal) && c.Length > 12);
    }

    [Theory]
    [InlineData("/exams/999999")]
    [InlineData("/exams/abc")]
    [InlineData("/exams/-1")]
    [InlineData("/exams/99999999999999999999")]
    [InlineData("/no-such-page")]
    public async Task Unknown_or_malformed_ids_get_the_sites_404_page(string url)
    {
        var client = factory.CreateBrowserlessClient();

        var (response, document) = await client.GetDocumentAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", document.QuerySelector("h1").Text());
        Assert.NotNull(document.QuerySelector("header.site-header"));
    }

    [Fact]
    public async Task A_draft_exam_is_not_found()
    {
        var id = await factory.WithDbAsync(async db =>
        {
            var exam = new OnlineExam.Web.Data.Exam { Title = "Secret draft", Published = false, CreatedBy = "t", LastUpdatedBy = "t", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Exams.Add(exam);
            await db.SaveChangesAsync();
            return exam.Id;
        });
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync($"/exams/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_exam_page_renders_with_one_SQL_query_and_anonymous_repeats_come_from_the_cache()
    {
        var id = await factory.ExamIdAsync("SQL Fundamentals");
        var client = factory.CreateBrowserlessClient();
        factory.Queries.Reset();

        var rendered = await client.GetAsync($"/exams/{id}");
        var renderQueries = factory.Queries.Count;
        var cached = await client.GetAsync($"/exams/{id}");

        rendered.EnsureSuccessStatusCode();
        Assert.False(rendered.Headers.Contains("Set-Cookie"));
        Assert.Equal(1, renderQueries);
        Assert.Equal(1, factory.Queries.Count);
        Assert.True(cached.Headers.Age is not null);
    }
}

public class UnknownPathTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    [Theory]
    [InlineData("POST", "/no-such-page")]
    [InlineData("PUT", "/exams/1/whatever")]
    [InlineData("DELETE", "/no/such/thing")]
    public async Task Any_method_on_an_unknown_path_is_404(string method, string path)
    {
        var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new FormUrlEncodedContent([new("a", "b")]) });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_path_is_404_problem_json()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/nothing");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
