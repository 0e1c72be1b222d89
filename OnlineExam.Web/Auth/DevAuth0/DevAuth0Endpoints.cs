using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OnlineExam.Web.Auth.DevAuth0;

public static class DevAuth0Endpoints
{
    public static IServiceCollection AddDevAuth0(this IServiceCollection services)
    {
        services.AddSingleton<DevAuth0Server>();
        services.AddSingleton<DevAuth0Backchannel>();
        return services;
    }

    /// <summary>Maps the emulator's endpoints when it is active (Development with no Auth0:Domain).</summary>
    public static WebApplication MapDevAuth0(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DevAuth0Options>>().Value.Enabled)
        {
            return app;
        }

        var group = app.MapGroup(DevAuth0Options.PathPrefix).ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/.well-known/openid-configuration", (HttpRequest request, DevAuth0Server server) =>
            Results.Json(server.Discovery($"{request.Scheme}://{request.Host}{request.PathBase}{DevAuth0Options.PathPrefix}")));
        group.MapGet("/.well-known/jwks.json", (DevAuth0Server server) => Results.Json(server.Jwks()));
        group.MapPost("/oauth/token", async (HttpRequest request, DevAuth0Server server) =>
        {
            var form = await ReadTokenRequestAsync(request);
            if (form is null)
            {
                return Results.Json(new { error = "invalid_request", error_description = "Send a JSON object or a form body." }, statusCode: StatusCodes.Status400BadRequest);
            }

            var result = server.Token(form, request.Headers.Authorization);
            return Results.Json(result.Body, statusCode: result.Status);
        }).DisableAntiforgery();
        group.MapGet("/v2/logout", (HttpRequest request, string? returnTo, DevAuth0Server server) =>
        {
            // Auth0 only returns to allowed logout URLs; the emulator allows this site.
            var home = $"{request.Scheme}://{request.Host}{request.PathBase}/";
            return Uri.TryCreate(returnTo, UriKind.Absolute, out var target)
                && string.Equals(target.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
                && target.Scheme == request.Scheme
                    ? Results.Redirect(target.ToString())
                    : Results.Redirect(home);
        });

        return app;
    }

    private static async Task<Dictionary<string, string>?> ReadTokenRequestAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return form.ToDictionary(f => f.Key, f => f.Value.ToString());
        }

        if (request.HasJsonContentType())
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                return json.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                    .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }
}
