using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.IdentityModel.JsonWebTokens;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Auth;

/// <summary>The app in Development with no Auth0 tenant: its own emulator at /dev-auth0 signs people and scripts in.</summary>
public sealed class DevAuth0Tests : IAsyncLifetime
{
    private const string ClientId = "onlineexam-local";
    private const string ClientSecret = "local-emulator-secret-not-for-production";
    private const string Audience = "https://onlineexam.local/api";

    private readonly OnlineExamFactory factory = new() { Environment = "Development", UseFakeAuth0 = false };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Discovery_names_the_emulators_issuer_and_endpoints_on_the_requested_host()
    {
        var client = factory.CreateClient();

        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/dev-auth0/.well-known/openid-configuration"));
        using var jwks = JsonDocument.Parse(await client.GetStringAsync("/dev-auth0/.well-known/jwks.json"));

        Assert.Equal("https://dev-auth0.invalid/", discovery.RootElement.GetProperty("issuer").GetString());
        Assert.Equal("https://localhost/dev-auth0/authorize", discovery.RootElement.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://localhost/dev-auth0/oauth/token", discovery.RootElement.GetProperty("token_endpoint").GetString());
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task A_person_signs_in_with_the_emulators_form_and_is_granted_create_exams_when_ticked()
    {
        var client = factory.CreateClient();

        var login = await client.GetAsync("/account/login?returnUrl=%2Faccount%2Fprofile");
        var (formResponse, formPage) = await client.GetDocumentAsync(login.Headers.Location!.OriginalString);
        var form = (IHtmlFormElement)formPage.QuerySelector("main form")!;
        var authorized = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Dev <Person>",
            ["Input.Email"] = "dev@example.test",
            ["Input.MayCreateExams"] = "true",
        });
        var callback = await client.GetAsync(authorized.Headers.Location);
        var (_, profile) = await client.GetDocumentAsync(callback.Headers.Location!.OriginalString);

        Assert.StartsWith("/dev-auth0/authorize?", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, formResponse.StatusCode);
        Assert.StartsWith("https://localhost/callback?code=", authorized.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("/account/profile", callback.Headers.Location!.OriginalString);
        Assert.Equal("Dev <Person>", profile.QuerySelector(".profile-name").Text());
        Assert.Equal("dev@example.test", profile.QuerySelector(".profile-email").Text());
        Assert.Equal("create:exams", profile.QuerySelector(".profile-permissions code").Text());
        Assert.Equal("Dev <Person>", profile.QuerySelector(".account__name").Text());
    }

    [Fact]
    public async Task The_form_shows_errors_and_keeps_the_input_when_a_field_is_wrong()
    {
        var client = factory.CreateClient();
        var login = await client.GetAsync("/account/login");
        var (_, formPage) = await client.GetDocumentAsync(login.Headers.Location!.OriginalString);

        var response = await client.SubmitAsync((IHtmlFormElement)formPage.QuerySelector("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Email"] = "not-an-email",
        });
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelectorAll(".error-summary li a").Select(a => (a.Text(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Enter your name", "#Input_Name"), summary);
        Assert.Contains(("Enter an email address like name@example.com", "#Input_Email"), summary);
        Assert.Equal("not-an-email", ((IHtmlInputElement)page.QuerySelector("#Input_Email")!).Value);
        Assert.False(string.IsNullOrEmpty(((IHtmlInputElement)page.QuerySelector("input[name='Protocol.state']")!).Value));
    }

    [Theory]
    [InlineData("client_id=someone-else&response_type=code&redirect_uri=https%3A%2F%2Flocalhost%2Fcallback")]
    [InlineData("client_id=onlineexam-local&response_type=token&redirect_uri=https%3A%2F%2Flocalhost%2Fcallback")]
    [InlineData("client_id=onlineexam-local&response_type=code&redirect_uri=https%3A%2F%2Fevil.test%2Fcallback")]
    public async Task The_authorize_endpoint_refuses_a_bad_request_without_redirecting(string query)
    {
        var client = factory.CreateClient();

        var (response, page) = await client.GetDocumentAsync("/dev-auth0/authorize?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("This sign-in request cannot be served", page.QuerySelector(".error-summary h2").Text());
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task The_tutorials_curl_session_works_against_the_local_site()
    {
        var client = factory.CreateClient();
        var exam = new { title = "TypeScript Advanced Exam", description = "Tricky questions about TypeScript." };

        var list = await client.GetAsync("/api/exams");
        var unauthorized = await client.PostAsJsonAsync("/api/exams", exam);
        var tokenResponse = await client.PostAsJsonAsync("/dev-auth0/oauth/token", new { client_id = ClientId, client_secret = ClientSecret, audience = Audience, grant_type = "client_credentials" });
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var jwt = token.RootElement.GetProperty("access_token").GetString()!;
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/exams") { Content = JsonContent.Create(exam) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var created = await client.SendAsync(create);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("Bearer", token.RootElement.GetProperty("token_type").GetString());
        var parsed = new JsonWebToken(jwt);
        Assert.Equal("RS256", parsed.Alg);
        Assert.Equal("https://dev-auth0.invalid/", parsed.Issuer);
        Assert.Equal([Audience], parsed.Audiences);
        Assert.Equal("create:exams", parsed.GetPayloadValue<string>("scope"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "dev-auth0-signing-key.pem")));
    }

    [Fact]
    public async Task The_token_endpoint_takes_a_form_body_too_and_refuses_wrong_credentials_or_audience()
    {
        var client = factory.CreateClient();
        FormUrlEncodedContent Form(string secret, string audience) => new(
        [
            new("grant_type", "client_credentials"), new("client_id", ClientId), new("client_secret", secret), new("audience", audience),
        ]);

        var ok = await client.PostAsync("/dev-auth0/oauth/token", Form(ClientSecret, Audience));
        var wrongSecret = await client.PostAsync("/dev-auth0/oauth/token", Form("guess", Audience));
        var wrongAudience = await client.PostAsync("/dev-auth0/oauth/token", Form(ClientSecret, "https://other.test/api"));
        var badCode = await client.PostAsync("/dev-auth0/oauth/token", new FormUrlEncodedContent(
        [
            new("grant_type", "authorization_code"), new("client_id", ClientId), new("client_secret", ClientSecret), new("code", "made-up"), new("code_verifier", "x"),
        ]));
        var notJson = await client.PostAsync("/dev-auth0/oauth/token", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, badCode.StatusCode);
        Assert.Contains("invalid_grant", await badCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task Signing_out_goes_through_the_emulators_logout_back_to_the_home_page()
    {
        var client = factory.CreateClient();
        var login = await client.GetAsync("/account/login");
        var (_, formPage) = await client.GetDocumentAsync(login.Headers.Location!.OriginalString);
        var authorized = await client.SubmitAsync((IHtmlFormElement)formPage.QuerySelector("main form")!, new Dictionary<string, string> { ["Input.Name"] = "Dev", ["Input.Email"] = "dev@example.test" });
        await client.GetAsync(authorized.Headers.Location);
        var (_, home) = await client.GetDocumentAsync("/");

        var logout = await client.SubmitAsync((IHtmlFormElement)home.QuerySelector(".account form")!);
        var back = await client.GetAsync(logout.Headers.Location!.OriginalString);

        Assert.Equal("/dev-auth0/v2/logout?client_id=onlineexam-local&returnTo=https%3A%2F%2Flocalhost%2F", logout.Headers.Location!.OriginalString);
        Assert.Equal(new Uri("https://localhost/"), back.Headers.Location);
    }
}
