using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OnlineExam.Web.Auth.DevAuth0;
using OnlineExam.Web.Hosting;

namespace OnlineExam.Web.Auth;

/// <summary>The OpenID Connect options Auth0.AspNetCore.Authentication sets, written out.</summary>
public static class Auth0OpenIdConnect
{
    public static void Configure(OpenIdConnectOptions options, Auth0Options auth0, DevAuth0Options devAuth0, IServiceProvider provider)
    {
        options.Authority = auth0.Authority;
        options.ClientId = auth0.ClientId;
        options.ClientSecret = auth0.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.CallbackPath = "/callback";
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        options.SaveTokens = true;
        options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        options.MapInboundClaims = false;
        options.ClaimsIssuer = AuthServices.Auth0Scheme;
        options.DisableTelemetry = true;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = "name",
            ValidateIssuer = true,
            ValidIssuer = auth0.Issuer,
            ValidateAudience = true,
            ValidAudience = auth0.ClientId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        // With response_mode=query the callback is a top-level GET, which Lax cookies accompany.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;

        if (devAuth0.Enabled)
        {
            options.BackchannelHttpHandler = provider.GetRequiredService<DevAuth0Backchannel>();
        }

        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                if (context.Request.IsHtmx())
                {
                    // An htmx request cannot follow a redirect to Auth0; let htmx load the login page.
                    var returnUrl = context.Request.Headers["HX-Current-URL"].ToString();
                    var local = Uri.TryCreate(returnUrl, UriKind.Absolute, out var current) ? current.PathAndQuery : "/";
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers["HX-Redirect"] = $"{context.Request.PathBase}/account/login{QueryString.Create("returnUrl", local)}";
                    context.HandleResponse();
                    return Task.CompletedTask;
                }

                context.ProtocolMessage.SetParameter("audience", auth0.Audience);
                if (devAuth0.Enabled)
                {
                    context.ProtocolMessage.IssuerAddress = $"{context.Request.PathBase}{DevAuth0Options.PathPrefix}/authorize";
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                var failure = ValidateIdToken(context.SecurityToken, auth0.ClientId);
                if (failure is not null)
                {
                    context.Fail(failure);
                    return Task.CompletedTask;
                }

                ImportPermissions(context, auth0);
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                context.Response.Redirect($"{context.Request.PathBase}/account/signin-failed");
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnAccessDenied = context =>
            {
                context.Response.Redirect($"{context.Request.PathBase}/account/signin-failed");
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The checks of the Auth0 SDK's IdTokenValidator that the handler does not make itself.</summary>
    public static string? ValidateIdToken(System.IdentityModel.Tokens.Jwt.JwtSecurityToken token, string clientId)
    {
        // For the code flow the handler turns RequireSignedTokens off (OIDC Core 3.1.3.7 lets a
        // client trust its TLS back-channel), which would let an alg:none token through.
        if (token.Header.Alg != SecurityAlgorithms.RsaSha256 || string.IsNullOrEmpty(token.RawSignature))
        {
            return "The ID token must be signed with RS256.";
        }

        if (string.IsNullOrEmpty(token.Subject))
        {
            return "The ID token has no sub claim.";
        }

        if (!token.Payload.ContainsKey("iat"))
        {
            return "The ID token has no iat claim.";
        }

        if (token.Audiences.Count() > 1 && token.Payload.Azp != clientId)
        {
            return "The ID token has several audiences and no azp claim naming this application.";
        }

        return null;
    }

    /// <summary>
    /// Auth0 RBAC puts permissions in the access token issued for our API, which the handler
    /// received straight from the token endpoint; copy them onto the cookie identity so pages
    /// can authorize with the same permission names as /api.
    /// </summary>
    private static void ImportPermissions(TokenValidatedContext context, Auth0Options auth0)
    {
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(accessToken) || context.Principal?.Identity is not System.Security.Claims.ClaimsIdentity identity)
        {
            return;
        }

        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(accessToken))
        {
            return;
        }

        var token = handler.ReadJsonWebToken(accessToken);
        if (!token.Audiences.Contains(auth0.Audience) || token.Subject != context.Principal.FindFirst("sub")?.Value)
        {
            return;
        }

        foreach (var permission in token.Claims.Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value).Distinct())
        {
            identity.AddClaim(new System.Security.Claims.Claim(Permissions.ClaimType, permission));
        }
    }
}
