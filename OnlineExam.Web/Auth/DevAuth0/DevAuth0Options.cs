namespace OnlineExam.Web.Auth.DevAuth0;

/// <summary>The local Auth0 emulator's client; active only in Development with no Auth0:Domain.</summary>
public class DevAuth0Options
{
    public const string Section = "DevAuth0";

    /// <summary>
    /// The emulator's tenant name. No network resolves it: the app's own OpenID Connect and
    /// JwtBearer handlers reach the emulator in-process (DevAuth0Backchannel), so it works on
    /// whatever address the app listens on.
    /// </summary>
    public const string Domain = "dev-auth0.invalid";

    public const string PathPrefix = "/dev-auth0";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>Set at start-up from the environment and Auth0:Domain, not from configuration.</summary>
    public bool Enabled { get; set; }
}
