using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using OnlineExam.Web.Auth.DevAuth0;

namespace OnlineExam.Web.Auth;

/// <summary>Bearer tokens for /api: Auth0 access tokens for our API's audience, RS256 only.</summary>
public static class Auth0JwtBearer
{
    public static void Configure(JwtBearerOptions options, Auth0Options auth0, DevAuth0Options devAuth0, IServiceProvider provider)
    {
        options.Authority = auth0.Issuer;
        options.Audience = auth0.Audience;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = "sub",
            ValidateIssuer = true,
            ValidIssuer = auth0.Issuer,
            ValidateAudience = true,
            ValidAudience = auth0.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };

        if (devAuth0.Enabled)
        {
            options.BackchannelHttpHandler = provider.GetRequiredService<DevAuth0Backchannel>();
        }

        options.Events = new JwtBearerEvents
        {
            OnForbidden = context =>
            {
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer error=\"insufficient_scope\", error_description=\"The token lacks the permission this endpoint needs.\", scope=\"{Permissions.CreateExams}\"";
                return Task.CompletedTask;
            },
        };
    }
}
