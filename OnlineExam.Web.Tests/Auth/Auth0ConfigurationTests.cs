using System.Net;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Auth;

public class Auth0ConfigurationTests
{
    [Fact]
    public async Task Production_without_Auth0_settings_does_not_start_and_names_the_missing_keys()
    {
        await using var factory = new OnlineExamFactory { Environment = "Production", UseFakeAuth0 = false };

        var error = Record.Exception(() => factory.Server);

        Assert.NotNull(error);
        var message = error.ToString();
        Assert.Contains("Auth0:Domain", message, StringComparison.Ordinal);
        Assert.Contains("Auth0:ClientId", message, StringComparison.Ordinal);
        Assert.Contains("Auth0:ClientSecret", message, StringComparison.Ordinal);
        Assert.Contains("Auth0:Audience", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_only_some_settings_names_the_rest()
    {
        await using var factory = new OnlineExamFactory { Environment = "Production", UseFakeAuth0 = false };
        factory.Settings["Auth0:Domain"] = "tenant.eu.auth0.com";
        factory.Settings["Auth0:ClientId"] = "abc";

        var error = Record.Exception(() => factory.Server);

        Assert.NotNull(error);
        Assert.Contains("missing Auth0:ClientSecret, Auth0:Audience", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task With_Auth0_configured_the_emulator_is_not_there(string environment)
    {
        await using var factory = new OnlineExamFactory { Environment = environment };
        var client = factory.CreateClient();

        foreach (var path in new[] { "/dev-auth0/.well-known/openid-configuration", "/dev-auth0/.well-known/jwks.json", "/dev-auth0/authorize?client_id=x", "/dev-auth0/v2/logout" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/dev-auth0/oauth/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
