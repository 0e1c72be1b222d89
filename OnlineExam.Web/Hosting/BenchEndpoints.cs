using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OnlineExam.Web.Hosting;

/// <summary>
/// Endpoints that exist only while bench/run or bench/crash drive the app (Bench:Enabled=true):
/// the constant "ceiling" response, and a sign-in for synthetic takers, because a benchmark
/// in Production mode has no Auth0 tenant to sign in through.
/// </summary>
public static partial class BenchEndpoints
{
    public const string KeyHeader = "X-Bench-Key";

    public static WebApplication MapBench(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Bench:Enabled"))
        {
            return app;
        }

        LogEnabled(app.Logger);
        // The benchmark's ceiling: the cheapest response this server can give, measured beside the real pages.
        app.MapGet("/bench/ceiling", () => Results.Text("ok")).ExcludeFromDescription();

        // Signing in without Auth0 needs a second, per-run secret too, and only answers on the loopback interface.
        var key = app.Configuration["Bench:SignInKey"];
        if (key is { Length: >= 32 })
        {
            app.MapPost("/bench/sign-in/{taker:int:range(1,100000)}", (int taker, HttpContext context, IAntiforgery antiforgery) =>
                    SignInAsync(taker, context, antiforgery, Encoding.UTF8.GetBytes(key)))
                .ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>Signs in "bench|{taker}" through the real cookie handler and session store; answers the antiforgery request token.</summary>
    private static async Task<IResult> SignInAsync(int taker, HttpContext context, IAntiforgery antiforgery, byte[] key)
    {
        var given = Encoding.UTF8.GetBytes(context.Request.Headers[KeyHeader].ToString());
        if (context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address) || !CryptographicOperations.FixedTimeEquals(given, key))
        {
            return Results.NotFound();
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", $"bench|{taker}"), new Claim("name", $"Bench taker {taker}")], "bench", "name", "role"));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user);
        context.User = user;
        return Results.Text(antiforgery.GetAndStoreTokens(context).RequestToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bench:Enabled is on: benchmark endpoints are mapped. Never set it on a real deployment.")]
    private static partial void LogEnabled(ILogger logger);
}
