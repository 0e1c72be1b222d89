using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OnlineExam.Web.Tests.Infrastructure;

public enum IdTokenFault
{
    None,
    WrongIssuer,
    WrongAudience,
    Expired,
    NonceMismatch,
    AlgNone,
    Hs256WithClientSecret,
    UnknownKid,
    MissingSub,
    MissingIat,
    SeveralAudiencesWithoutAzp,
}

public enum AccessTokenFault
{
    None,
    Expired,
    WrongAudience,
    WrongIssuer,
    NoSignature,
    Hs256,
    UnknownKid,
}

public record FakeUser(string Subject, string Name, string Email, params string[] Permissions);

/// <summary>
/// An Auth0 tenant for tests: discovery, JWKS and the token endpoint answer through the
/// handlers' backchannel; <see cref="Authorize"/> plays the browser's visit to /authorize.
/// Keys are made here; every fault the app must refuse can be switched on.
/// </summary>
public sealed class FakeAuth0 : HttpMessageHandler
{
    public const string Domain = "fake-auth0.test";
    public const string Issuer = $"https://{Domain}/";
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret-long-enough-for-an-hs256-key-0123456789";
    public const string Audience = "https://onlineexam.test/api";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RSA otherRsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly RsaSecurityKey unknownKey;
    private readonly ConcurrentDictionary<string, (string? Nonce, string Challenge, string RedirectUri, FakeUser User)> codes = new();

    public FakeAuth0()
    {
        key = new RsaSecurityKey(rsa) { KeyId = "test-key-1" };
        unknownKey = new RsaSecurityKey(otherRsa) { KeyId = "not-in-jwks" };
    }

    public IdTokenFault Fault { get; set; }

    public List<string> TokenRequests { get; } = [];

    /// <summary>What Auth0's /authorize does after the user signs in: returns the callback URL with a code.</summary>
    public string Authorize(Uri authorizeUrl, FakeUser user)
    {
        Assert.Equal($"https://{Domain}/authorize", authorizeUrl.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorizeUrl.Query);
        Assert.Equal(ClientId, query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(Audience, query["audience"].ToString());
        Assert.Equal(["email", "openid", "profile"], query["scope"].ToString().Split(' ').Order());
        var redirectUri = query["redirect_uri"].ToString();
        Assert.EndsWith("/callback", redirectUri, StringComparison.Ordinal);

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        codes[code] = (query["nonce"], query["code_challenge"].ToString(), redirectUri, user);
        return QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] });
    }

    public string AccessToken(string subject, string[]? permissions = null, string? scope = null, AccessTokenFault fault = AccessTokenFault.None)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["aud"] = fault == AccessTokenFault.WrongAudience ? "https://someone-else.test/api" : Audience,
            ["azp"] = ClientId,
        };
        if (permissions is not null) claims["permissions"] = permissions;
        if (scope is not null) claims["scope"] = scope;
        return Create(claims, fault switch
        {
            AccessTokenFault.WrongIssuer => "https://evil-tenant.test/",
            _ => Issuer,
        }, fault == AccessTokenFault.Expired ? now.AddHours(-2) : now, fault switch
        {
            AccessTokenFault.NoSignature => null,
            AccessTokenFault.Hs256 => new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ClientSecret)), SecurityAlgorithms.HmacSha256),
            AccessTokenFault.UnknownKid => new SigningCredentials(unknownKey, SecurityAlgorithms.RsaSha256),
            _ => new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (uri.Host != Domain)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        object body;
        var status = HttpStatusCode.OK;
        switch (uri.AbsolutePath)
        {
            case "/.well-known/openid-configuration":
                body = new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = $"https://{Domain}/authorize",
                    ["token_endpoint"] = $"https://{Domain}/oauth/token",
                    ["jwks_uri"] = $"https://{Domain}/.well-known/jwks.json",
                    ["end_session_endpoint"] = $"https://{Domain}/oidc/logout",
                    ["response_types_supported"] = new[] { "code" },
                    ["id_token_signing_alg_values_supported"] = new[] { "HS256", "RS256" },
                    ["code_challenge_methods_supported"] = new[] { "S256" },
                };
                break;
            case "/.well-known/jwks.json":
                var p = rsa.ExportParameters(false);
                body = new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } };
                break;
            case "/oauth/token" when request.Method == HttpMethod.Post:
                var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
                lock (TokenRequests)
                {
                    TokenRequests.Add(string.Join('&', form.Keys.Order()));
                }

                (status, body) = RedeemCode(form);
                break;
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        return new HttpResponseMessage(status) { Content = JsonContent.Create(body, body.GetType()) };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rsa.Dispose();
            otherRsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private (HttpStatusCode, object) RedeemCode(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["grant_type"] != "authorization_code")
        {
            return (HttpStatusCode.Unauthorized, new { error = "access_denied" });
        }

        if (!codes.TryRemove(form["code"].ToString(), out var issued)
            || form["redirect_uri"] != issued.RedirectUri
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
        {
            return (HttpStatusCode.Forbidden, new { error = "invalid_grant" });
        }

        var user = issued.User;
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["nonce"] = Fault == IdTokenFault.NonceMismatch ? "a-different-nonce" : issued.Nonce ?? "",
        };
        if (Fault != IdTokenFault.MissingSub) claims["sub"] = user.Subject;
        claims["aud"] = Fault switch
        {
            IdTokenFault.WrongAudience => "another-client",
            IdTokenFault.SeveralAudiencesWithoutAzp => new[] { ClientId, "another-client" },
            _ => ClientId,
        };
        var credentials = Fault switch
        {
            IdTokenFault.AlgNone => null,
            IdTokenFault.Hs256WithClientSecret => new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ClientSecret)), SecurityAlgorithms.HmacSha256),
            IdTokenFault.UnknownKid => new SigningCredentials(unknownKey, SecurityAlgorithms.RsaSha256),
            _ => new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        var idToken = Create(claims, Fault == IdTokenFault.WrongIssuer ? "https://evil-tenant.test/" : Issuer,
            Fault == IdTokenFault.Expired ? now.AddHours(-2) : now, credentials, withIat: Fault != IdTokenFault.MissingIat);

        return (HttpStatusCode.OK, new Dictionary<string, object>
        {
            ["access_token"] = AccessToken(user.Subject, user.Permissions, "openid profile email"),
            ["id_token"] = idToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 86400,
        });
    }

    private static string Create(Dictionary<string, object> claims, string issuer, DateTime issuedAt, SigningCredentials? credentials, bool withIat = true)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        claims["exp"] = EpochTime.GetIntDate(issuedAt.AddHours(1));
        if (withIat) claims["iat"] = EpochTime.GetIntDate(issuedAt);
        var descriptor = new SecurityTokenDescriptor { Issuer = issuer, Claims = claims, SigningCredentials = credentials };
        return credentials is null ? handler.CreateToken(System.Text.Json.JsonSerializer.Serialize(claims.Append(new("iss", issuer)).ToDictionary())) : handler.CreateToken(descriptor);
    }
}
