using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Api;

public class ExamsApiAuthTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private static readonly object TutorialExam = new { title = "TypeScript Advanced Exam", description = "Tricky questions about TypeScript." };

    [Fact]
    public async Task Listing_exams_is_public()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/exams");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(body.RootElement.GetProperty("items").EnumerateArray(), e => e.GetProperty("title").GetString() == "SQL Fundamentals");
    }

    [Fact]
    public async Task Creating_an_exam_without_a_token_is_401_problem_json_with_WWW_Authenticate_Bearer()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/exams", TutorialExam);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData(AccessTokenFault.Expired)]
    [InlineData(AccessTokenFault.WrongAudience)]
    [InlineData(AccessTokenFault.WrongIssuer)]
    [InlineData(AccessTokenFault.NoSignature)]
    [InlineData(AccessTokenFault.Hs256)]
    [InlineData(AccessTokenFault.UnknownKid)]
    public async Task A_bad_token_is_401(AccessTokenFault fault)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken("auth0|script", ["create:exams"], fault: fault));
        var before = await factory.WithDbAsync(db => db.Exams.CountAsync());

        var response = await client.PostAsJsonAsync("/api/exams", TutorialExam);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Exams.CountAsync()));
    }

    [Fact]
    public async Task A_valid_token_without_create_exams_is_403()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken("auth0|reader", ["read:exams"], scope: "openid read:exams"));

        var response = await client.PostAsJsonAsync("/api/exams", TutorialExam);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permissions")]
    [InlineData("scope")]
    public async Task A_valid_token_with_create_exams_creates_the_exam_which_then_appears_on_the_home_page(string via)
    {
        var client = factory.CreateClient();
        var token = via == "permissions"
            ? factory.Auth0.AccessToken("auth0|author-" + via, ["create:exams"])
            : factory.Auth0.AccessToken("client-id@clients", scope: "read:exams create:exams");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var title = $"Created via {via}";

        var response = await client.PostAsJsonAsync("/api/exams", new { title, description = "Tricky questions about TypeScript." });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var (_, home) = await factory.CreateClient().GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.RootElement.GetProperty("id").GetInt32();
        Assert.Equal(new Uri($"https://localhost/api/exams/{id}"), response.Headers.Location);
        Assert.Equal(title, body.RootElement.GetProperty("title").GetString());
        Assert.Equal(via == "permissions" ? "auth0|author-permissions" : "client-id@clients", body.RootElement.GetProperty("createdBy").GetString());
        Assert.EndsWith("Z", body.RootElement.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.Contains(home.QuerySelectorAll(".exam-card"), card => card.QuerySelector(".exam-card__title").Text() == title
            && card.QuerySelector(".question-count").Text() == "No questions yet");
        var created = await factory.WithDbAsync(db => db.Exams.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(created.CreatedBy, created.LastUpdatedBy);
        var fetched = await factory.CreateClient().GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_cookie_alone_never_authenticates_an_API_call()
    {
        var client = await factory.SignedInClientAsync(Users.Author);
        var (_, page) = await client.GetDocumentAsync("/account/profile");
        Assert.Equal("create:exams", page.QuerySelector(".profile-permissions code").Text());

        var response = await client.PostAsJsonAsync("/api/exams", TutorialExam);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task An_invalid_exam_is_a_validation_problem()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Auth0.AccessToken("auth0|author", ["create:exams"]));

        var response = await client.PostAsJsonAsync("/api/exams", new { title = "  ", description = new string('x', 2001) });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("description", out _));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
    }
}
