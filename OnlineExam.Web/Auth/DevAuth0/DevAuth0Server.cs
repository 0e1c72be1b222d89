using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Auth.DevAuth0;

public record DevAuth0User(string Name, string Email, bool MayCreateExams)
{
    /// <summary>A stable subject per e-mail address, shaped like Auth0's database users.</summary>
    public string Subject => "auth0|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Email.Trim().ToUpperInvariant())))[..24];
}

public record DevAuth0AuthorizeRequest(string ClientId, string RedirectUri, string? Nonce, string? CodeChallenge, string? CodeChallengeMethod, string? Audience);

public record DevAuth0Result(int Status, object Body);

/// <summary>
/// A small Auth0-compatible identity provider for local use: it signs RS256 tokens with a key
/// kept in the data folder and speaks the parts of Auth0's protocol this app and its scripts use.
/// </summary>
public sealed class DevAuth0Server : IDisposable
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, IssuedCode> codes = new();
    private readonly DevAuth0Options options;
    private readonly TimeProvider clock;
    private readonly RSA rsa;
    private readonly RsaSecurityKey signingKey;
    private readonly JsonWebTokenHandler tokens = new();

    public DevAuth0Server(IOptions<DevAuth0Options> options, IOptions<StorageOptions> storage, IHostEnvironment environment, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        rsa = LoadOrCreateKey(Path.Combine(storage.Value.ResolveDataDirectory(environment.ContentRootPath), "dev-auth0-signing-key.pem"));
        var parameters = rsa.ExportParameters(false);
        signingKey = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(parameters.Modulus!))[..16] };
    }

    public static string Issuer => $"https://{DevAuth0Options.Domain}/";

    public DevAuth0Options Options => options;

    public object Discovery(string baseUrl) => new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{baseUrl}/authorize",
        ["token_endpoint"] = $"{baseUrl}/oauth/token",
        ["end_session_endpoint"] = $"{baseUrl}/v2/logout",
        ["jwks_uri"] = $"{baseUrl}/.well-known/jwks.json",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["grant_types_supported"] = new[] { "authorization_code", "client_credentials" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = new[] { "openid", "profile", "email", Permissions.CreateExams },
        ["claims_supported"] = new[] { "sub", "name", "email", "email_verified", "iss", "aud", "exp", "iat", "nonce", "azp" },
    };

    public object Jwks()
    {
        var parameters = rsa.ExportParameters(false);
        return new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA",
                    use = "sig",
                    alg = "RS256",
                    kid = signingKey.KeyId,
                    n = Base64UrlEncoder.Encode(parameters.Modulus),
                    e = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        };
    }

    /// <summary>Null when the request may proceed, otherwise why it may not.</summary>
    public string? CheckAuthorizeRequest(string? responseType, string? clientId, string? redirectUri, string? codeChallengeMethod, HttpRequest request)
    {
        if (clientId != options.ClientId) return "Unknown client_id.";
        if (responseType != "code") return "Only response_type=code is supported.";
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
            || !string.Equals(redirect.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || redirect.AbsolutePath != $"{request.PathBase}/callback")
        {
            return "The redirect_uri is not this site's /callback.";
        }

        if (codeChallengeMethod is not null && codeChallengeMethod != "S256") return "Only the S256 code_challenge_method is supported.";
        return null;
    }

    public string IssueCode(DevAuth0AuthorizeRequest request, DevAuth0User user)
    {
        PurgeExpiredCodes();
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        codes[code] = new IssuedCode(request, user, clock.GetUtcNow() + CodeLifetime);
        return code;
    }

    public DevAuth0Result Token(IReadOnlyDictionary<string, string> form, string? authorizationHeader)
    {
        var (clientId, clientSecret) = ClientCredentials(form, authorizationHeader);
        if (clientId != options.ClientId || !FixedTimeEquals(clientSecret, options.ClientSecret))
        {
            return Error(StatusCodes.Status401Unauthorized, "access_denied", "Unauthorized: wrong client_id or client_secret.");
        }

        return form.GetValueOrDefault("grant_type") switch
        {
            "authorization_code" => RedeemCode(form),
            "client_credentials" => ClientCredentialsToken(form),
            _ => Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Use authorization_code or client_credentials."),
        };
    }

    public void Dispose() => rsa.Dispose();

    private DevAuth0Result RedeemCode(IReadOnlyDictionary<string, string> form)
    {
        if (!codes.TryRemove(form.GetValueOrDefault("code") ?? "", out var issued) || issued.ExpiresAt < clock.GetUtcNow())
        {
            return Error(StatusCodes.Status403Forbidden, "invalid_grant", "Invalid authorization code.");
        }

        if (form.GetValueOrDefault("redirect_uri") != issued.Request.RedirectUri)
        {
            return Error(StatusCodes.Status403Forbidden, "invalid_grant", "The redirect_uri differs from the one used to authorize.");
        }

        if (issued.Request.CodeChallenge is not null)
        {
            var verifier = form.GetValueOrDefault("code_verifier") ?? "";
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (!FixedTimeEquals(challenge, issued.Request.CodeChallenge))
            {
                return Error(StatusCodes.Status403Forbidden, "invalid_grant", "Failed to verify code verifier.");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = issued.User;
        var idToken = Sign(new Dictionary<string, object>
        {
            ["sub"] = user.Subject,
            ["aud"] = options.ClientId,
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["nonce"] = issued.Request.Nonce ?? "",
        }, now, TimeSpan.FromHours(10));

        var audience = string.IsNullOrEmpty(issued.Request.Audience) ? options.Audience : issued.Request.Audience;
        string[] permissions = user.MayCreateExams ? [Permissions.CreateExams] : [];
        var accessToken = Sign(new Dictionary<string, object>
        {
            ["sub"] = user.Subject,
            ["aud"] = new[] { audience, $"{Issuer}userinfo" },
            ["azp"] = options.ClientId,
            ["scope"] = "openid profile email",
            ["permissions"] = permissions,
        }, now, TimeSpan.FromHours(24));

        return new DevAuth0Result(StatusCodes.Status200OK, new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["id_token"] = idToken,
            ["scope"] = "openid profile email",
            ["expires_in"] = 86400,
            ["token_type"] = "Bearer",
        });
    }

    private DevAuth0Result ClientCredentialsToken(IReadOnlyDictionary<string, string> form)
    {
        var audience = form.GetValueOrDefault("audience");
        if (audience != options.Audience)
        {
            return Error(StatusCodes.Status403Forbidden, "access_denied", $"Service not found: {audience}. The emulator's API audience is {options.Audience}.");
        }

        var token = Sign(new Dictionary<string, object>
        {
            ["sub"] = $"{options.ClientId}@clients",
            ["aud"] = audience,
            ["azp"] = options.ClientId,
            ["scope"] = Permissions.CreateExams,
            ["gty"] = "client-credentials",
        }, clock.GetUtcNow().UtcDateTime, TimeSpan.FromHours(24));

        return new DevAuth0Result(StatusCodes.Status200OK, new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["scope"] = Permissions.CreateExams,
            ["expires_in"] = 86400,
            ["token_type"] = "Bearer",
        });
    }

    private string Sign(Dictionary<string, object> claims, DateTime now, TimeSpan lifetime) => tokens.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Claims = claims,
        IssuedAt = now,
        NotBefore = now,
        Expires = now + lifetime,
        SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
    });

    private static (string? Id, string? Secret) ClientCredentials(IReadOnlyDictionary<string, string> form, string? authorizationHeader)
    {
        if (authorizationHeader?.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader["Basic ".Length..].Trim())).Split(':', 2);
                if (pair.Length == 2)
                {
                    return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
                }
            }
            catch (FormatException)
            {
            }
        }

        return (form.GetValueOrDefault("client_id"), form.GetValueOrDefault("client_secret"));
    }

    private static bool FixedTimeEquals(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static DevAuth0Result Error(int status, string error, string description) =>
        new(status, new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });

    private void PurgeExpiredCodes()
    {
        var now = clock.GetUtcNow();
        foreach (var (code, issued) in codes)
        {
            if (issued.ExpiresAt < now)
            {
                codes.TryRemove(code, out _);
            }
        }
    }

    private static RSA LoadOrCreateKey(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }

        rsa.KeySize = 2048;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, rsa.ExportPkcs8PrivateKeyPem());
        File.Move(temp, path, overwrite: false);
        return rsa;
    }

    private sealed record IssuedCode(DevAuth0AuthorizeRequest Request, DevAuth0User User, DateTimeOffset ExpiresAt);
}
