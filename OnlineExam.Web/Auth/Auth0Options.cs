using Microsoft.Extensions.Options;

namespace OnlineExam.Web.Auth;

/// <summary>The Auth0 tenant: a Regular Web Application for the pages and an API for /api.</summary>
public class Auth0Options
{
    public const string Section = "Auth0";

    /// <summary>The tenant domain, e.g. <c>example.eu.auth0.com</c>, without scheme.</summary>
    public string Domain { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The API identifier that access tokens for /api carry as their audience.</summary>
    public string Audience { get; set; } = "";

    public string Issuer => $"https://{Domain}/";

    public string Authority => $"https://{Domain}";
}

/// <summary>
/// Fills in the local emulator's tenant when it is active, and otherwise insists on a complete
/// Auth0 configuration, naming what is missing.
/// </summary>
public class Auth0OptionsSetup(IOptions<DevAuth0.DevAuth0Options> devAuth0) : IPostConfigureOptions<Auth0Options>, IValidateOptions<Auth0Options>
{
    public void PostConfigure(string? name, Auth0Options options)
    {
        if (!devAuth0.Value.Enabled)
        {
            return;
        }

        options.Domain = DevAuth0.DevAuth0Options.Domain;
        options.ClientId = devAuth0.Value.ClientId;
        options.ClientSecret = devAuth0.Value.ClientSecret;
        options.Audience = devAuth0.Value.Audience;
    }

    public ValidateOptionsResult Validate(string? name, Auth0Options options)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Domain)) missing.Add("Auth0:Domain");
        if (string.IsNullOrWhiteSpace(options.ClientId)) missing.Add("Auth0:ClientId");
        if (string.IsNullOrWhiteSpace(options.ClientSecret)) missing.Add("Auth0:ClientSecret");
        if (string.IsNullOrWhiteSpace(options.Audience)) missing.Add("Auth0:Audience");
        if (missing.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"Auth0 is not configured; missing {string.Join(", ", missing)}. Set them with user-secrets or environment variables " +
                "(Auth0__Domain, Auth0__ClientId, Auth0__ClientSecret, Auth0__Audience). In Development, leaving Auth0:Domain empty uses the local emulator at /dev-auth0.");
        }

        if (options.Domain.Contains("://", StringComparison.Ordinal) || options.Domain.Contains('/', StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"Auth0:Domain must be a host name such as example.eu.auth0.com, not '{options.Domain}'.");
        }

        return ValidateOptionsResult.Success;
    }
}
