using System.Net;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Pages;

public class IndexTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    [Fact]
    public async Task Home_lists_the_published_sample_exams_with_their_question_counts()
    {
        var client = factory.CreateBrowserlessClient();

        var (response, document) = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = document.QuerySelectorAll(".exam-card");
        var byTitle = cards.ToDictionary(c => c.QuerySelector(".exam-card__title").Text(), c => c.QuerySelector(".question-count").Text());
        Assert.Equal("8 questions", byTitle["TypeScript Advanced Exam"]);
        Assert.Equal("6 questions", byTitle["HTTP Essentials"]);
        Assert.Equal("7 questions", byTitle["SQL Fundamentals"]);
        var typescript = cards.Single(c => c.QuerySelector(".exam-card__title").Text() == "TypeScript Advanced Exam");
        Assert.Equal("Tricky questions about TypeScript.", typescript.QuerySelector(".exam-card__description").Text());
        Assert.NotNull(typescript.QuerySelector("time[datetime]"));
        var link = typescript.QuerySelector("a")!.GetAttribute("href");
        Assert.Matches("^/exams/[0-9]+$", link);
    }

    [Fact]
    public async Task Home_renders_with_one_SQL_query_and_is_then_served_from_the_output_cache()
    {
        var client = factory.CreateBrowserlessClient();
        await factory.WithDbAsync(_ => Task.CompletedTask);
        factory.Queries.Reset();

        var rendered = await client.GetAsync("/");
        var renderQueries = factory.Queries.Count;
        var cached = await client.GetAsync("/");

        rendered.EnsureSuccessStatusCode();
        cached.EnsureSuccessStatusCode();
        Assert.Equal(1, renderQueries);
        Assert.Equal(1, factory.Queries.Count);
        Assert.Equal(await rendered.Content.ReadAsStringAsync(), await cached.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_encodes_exam_text_as_HTML()
    {
        await factory.WithDbAsync(async db =>
        {
            db.Exams.Add(new OnlineExam.Web.Data.Exam
            {
                Title = "<script>alert('x')</script> exam",
                Description = "<b>bold</b>",
                Published = true,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow.AddYears(1),
                CreatedBy = "test",
                LastUpdatedBy = "test",
            });
            await db.SaveChangesAsync();
        });
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Contains(document.QuerySelectorAll(".exam-card__title"), e => e.Text() == "<script>alert('x')</script> exam");
    }

    [Fact]
    public async Task Unpublished_and_deleted_exams_are_not_listed()
    {
        await factory.WithDbAsync(async db =>
        {
            db.Exams.AddRange(
                new OnlineExam.Web.Data.Exam { Title = "Draft exam", Published = false, CreatedBy = "t", LastUpdatedBy = "t", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow },
                new OnlineExam.Web.Data.Exam { Title = "Removed exam", Published = true, DeletedAt = DateTime.UtcNow, CreatedBy = "t", LastUpdatedBy = "t", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var client = factory.CreateBrowserlessClient();

        var (_, document) = await client.GetDocumentAsync("/");

        var titles = document.QuerySelectorAll(".exam-card__title").Select(e => e.Text()).ToList();
        Assert.Contains("SQL Fundamentals", titles);
        Assert.DoesNotContain("Draft exam", titles);
        Assert.DoesNotContain("Removed exam", titles);
    }

    [Theory]
    [InlineData("/?page=0")]
    [InlineData("/?page=-3")]
    public async Task A_page_number_below_one_is_not_found(string url)
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class EmptyIndexTests : IAsyncLifetime
{
    private readonly OnlineExamFactory factory = new();

    public ValueTask InitializeAsync()
    {
        factory.Settings["Storage:SeedSampleExams"] = "false";
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Home_shows_an_empty_state_when_there_are_no_exams()
    {
        var client = factory.CreateBrowserlessClient();

        var (response, document) = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(document.QuerySelectorAll(".exam-card"));
        Assert.Contains("There are no published exams yet.", document.QuerySelector(".empty-state").Text(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Exams.CountAsync()));
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}

public sealed class PagedIndexTests : IAsyncLifetime
{
    private readonly OnlineExamFactory factory = new();

    public async ValueTask InitializeAsync()
    {
        factory.Settings["Storage:SeedSampleExams"] = "false";
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await factory.WithDbAsync(async db =>
        {
            db.Exams.AddRange(Enumerable.Range(1, 25).Select(i => new OnlineExam.Web.Data.Exam
            {
                Title = $"Exam {i:00}",
                Published = true,
                CreatedBy = "t",
                LastUpdatedBy = "t",
                CreatedAt = start,
                UpdatedAt = start.AddMinutes(i),
            }));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task The_list_is_paged_newest_first_with_next_and_previous_links()
    {
        var client = factory.CreateBrowserlessClient();

        var (_, first) = await client.GetDocumentAsync("/");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await client.GetDocumentAsync(next);

        Assert.Equal(20, first.QuerySelectorAll(".exam-card").Length);
        Assert.Equal("Exam 25", first.QuerySelector(".exam-card__title").Text());
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/?page=2", next);
        Assert.Equal(["Exam 05", "Exam 04", "Exam 03", "Exam 02", "Exam 01"], second.QuerySelectorAll(".exam-card__title").Select(e => e.Text()));
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal("/?page=1", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
