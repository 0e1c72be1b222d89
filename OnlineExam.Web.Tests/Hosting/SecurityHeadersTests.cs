using System.Net.Http.Headers;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

public class SecurityHeadersTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/exams/1")]
    [InlineData("/no-such-page")]
    [InlineData("/api/exams")]
    [InlineData("/api/nothing")]
    [InlineData("/css/site.css")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_carries_the_security_headers_and_no_server_header(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
            $"base-uri 'self'; frame-ancestors 'none'; form-action 'self' https://{FakeAuth0.Domain}",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Outside_Development_https_responses_for_a_real_host_carry_HSTS()
    {
        await using var production = new OnlineExamFactory { Environment = "Production" };

        var client = production.CreateClient();
        client.BaseAddress = new Uri("https://exams.example/");

        var response = await client.GetAsync("/");

        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_use_no_inline_script_or_style()
    {
        var client = await factory.SignedInClientAsync(Users.Author);

        foreach (var path in new[] { "/", "/exams/1", "/manage", "/manage/exams/new", "/account/profile" })
        {
            var document = await (await client.GetAsync(path)).ReadDocumentAsync();
            Assert.All(document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{path} has an inline script"));
            Assert.Empty(document.QuerySelectorAll("style, [style], [onclick], [onload], [hx-on], [hx-vals^='js:']"));
        }
    }
}
