using System.Net;
using AngleSharp.Html.Dom;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Auth;

public class SignInTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    [Fact]
    public async Task Signing_in_through_Auth0_returns_to_the_page_and_shows_the_users_name()
    {
        var client = factory.CreateClient();

        var callback = await factory.SignInAsync(client, Users.Ada, "/exams/1");
        var (_, page) = await client.GetDocumentAsync(callback.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/exams/1", callback.Headers.Location!.OriginalString);
        Assert.Equal("Ada Lovelace", page.QuerySelector(".account__name").Text());
        Assert.NotNull(page.QuerySelector(".account form button[type=submit]"));
        Assert.Null(page.QuerySelector(".account__signin"));
    }

    [Fact]
    public async Task The_login_redirect_asks_Auth0_for_a_PKCE_code_flow_with_query_response_mode()
    {
        var client = factory.CreateClient();

        var login = await client.GetAsync("/account/login");

        var location = login.Headers.Location!;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal($"https://{FakeAuth0.Domain}/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("https://localhost/callback", query["redirect_uri"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(query.ContainsKey("response_mode") && query["response_mode"] != "query");
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
    }

    [Fact]
    public async Task Anonymous_visitors_see_a_sign_in_link_that_returns_them_to_the_page()
    {
        var client = factory.CreateClient();

        var (_, page) = await client.GetDocumentAsync("/exams/2?x=1");

        Assert.Equal("/account/login?returnUrl=%2Fexams%2F2%3Fx%3D1", page.QuerySelector("a.account__signin")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(IdTokenFault.WrongIssuer)]
    [InlineData(IdTokenFault.WrongAudience)]
    [InlineData(IdTokenFault.Expired)]
    [InlineData(IdTokenFault.NonceMismatch)]
    [InlineData(IdTokenFault.AlgNone)]
    [InlineData(IdTokenFault.Hs256WithClientSecret)]
    [InlineData(IdTokenFault.UnknownKid)]
    [InlineData(IdTokenFault.MissingSub)]
    [InlineData(IdTokenFault.MissingIat)]
    [InlineData(IdTokenFault.SeveralAudiencesWithoutAzp)]
    public async Task A_bad_id_token_does_not_sign_in(IdTokenFault fault)
    {
        await using var local = new OnlineExamFactory();
        local.Auth0.Fault = fault;
        var client = local.CreateClient();

        var callback = await local.SignInAsync(client, Users.Ada);
        var (failedPage, failed) = await client.GetDocumentAsync(callback.Headers.Location!.OriginalString);
        var (_, home) = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/account/signin-failed", callback.Headers.Location!.OriginalString);
        Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("__Host-OnlineExam=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, failedPage.StatusCode);
        Assert.Equal("Sign-in did not complete", failed.QuerySelector("h1").Text());
        Assert.NotNull(home.QuerySelector(".account__signin"));
        Assert.Single(local.Auth0.TokenRequests);
    }

    [Fact]
    public async Task The_same_flow_with_a_good_token_signs_in_so_the_fault_tests_can_fail()
    {
        await using var local = new OnlineExamFactory();
        var client = local.CreateClient();

        var callback = await local.SignInAsync(client, Users.Grace);
        var (_, home) = await client.GetDocumentAsync("/");

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.Equal("Grace Hopper", home.QuerySelector(".account__name").Text());
    }

    [Fact]
    public async Task The_code_is_redeemed_with_the_client_secret_and_the_PKCE_verifier()
    {
        await using var local = new OnlineExamFactory();
        var client = local.CreateClient();

        await local.SignInAsync(client, Users.Grace);

        Assert.Equal("client_id&client_secret&code&code_verifier&grant_type&redirect_uri", Assert.Single(local.Auth0.TokenRequests));
    }

    [Theory]
    [InlineData("https://evil.test")]
    [InlineData("//evil.test")]
    [InlineData("/\\evil.test")]
    [InlineData("http://localhost.evil.test/")]
    public async Task A_non_local_returnUrl_ends_on_the_home_page(string returnUrl)
    {
        var client = factory.CreateClient();

        var callback = await factory.SignInAsync(client, Users.Ada, returnUrl);

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_session_cookie_is_host_prefixed_secure_httponly_and_lax()
    {
        var client = factory.CreateClient();

        var callback = await factory.SignInAsync(client, Users.Ada);

        var cookie = Assert.Single(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-OnlineExam", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_redirects_to_Auth0_logout_with_an_absolute_returnTo()
    {
        var client = await factory.SignedInClientAsync(Users.Ada);
        var (_, page) = await client.GetDocumentAsync("/");
        var form = (IHtmlFormElement)page.QuerySelector(".account form")!;

        var response = await client.SubmitAsync(form);
        var (_, after) = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"https://{FakeAuth0.Domain}/v2/logout?client_id={FakeAuth0.ClientId}&returnTo=https%3A%2F%2Flocalhost%2F", response.Headers.Location!.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-OnlineExam=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(after.QuerySelector(".account__signin"));
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        var client = await factory.SignedInClientAsync(Users.Ada);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var (_, home) = await client.GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ada Lovelace", home.QuerySelector(".account__name").Text());
    }

    [Fact]
    public async Task The_profile_needs_a_signed_in_user_and_shows_name_email_and_permissions()
    {
        var anonymous = await factory.CreateClient().GetAsync("/account/profile");
        var author = await factory.SignedInClientAsync(Users.Author);

        var (response, page) = await author.GetDocumentAsync("/account/profile");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith($"https://{FakeAuth0.Domain}/authorize?", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Alan Author", page.QuerySelector(".profile-name").Text());
        Assert.Equal("alan@example.test", page.QuerySelector(".profile-email").Text());
        Assert.Equal("create:exams", page.QuerySelector(".profile-permissions code").Text());
    }

    [Fact]
    public async Task A_user_without_permissions_has_none_on_the_profile()
    {
        var client = await factory.SignedInClientAsync(Users.Grace);

        var (_, page) = await client.GetDocumentAsync("/account/profile");

        Assert.Null(page.QuerySelector(".profile-permissions code"));
    }

    [Fact]
    public async Task An_htmx_request_without_a_session_gets_401_and_HX_Redirect_to_the_login_page()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/profile");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Current-URL", "https://localhost/exams/3?tab=2");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Fexams%2F3%3Ftab%3D2", response.Headers.GetValues("HX-Redirect").Single());
        Assert.Null(response.Headers.Location);
    }
}
