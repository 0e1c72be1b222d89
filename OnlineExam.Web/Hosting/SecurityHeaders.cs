using Microsoft.Extensions.Options;
using OnlineExam.Web.Auth;

namespace OnlineExam.Web.Hosting;

/// <summary>
/// The headers every response carries. The CSP allows only our own scripts and styles (htmx
/// is configured for it: no eval, no inline indicator styles) and lets forms, and the redirects
/// that follow them, reach Auth0 for sign-out.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var auth0 = app.Services.GetRequiredService<IOptions<Auth0Options>>().Value;
        var devAuth0 = app.Services.GetRequiredService<IOptions<OnlineExam.Web.Auth.DevAuth0.DevAuth0Options>>().Value;
        var formAction = devAuth0.Enabled ? "'self'" : $"'self' https://{auth0.Domain}";
        var policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
            $"base-uri 'self'; frame-ancestors 'none'; form-action {formAction}";

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            return next(context);
        });
        return app;
    }
}
