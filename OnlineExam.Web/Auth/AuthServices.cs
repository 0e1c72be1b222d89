using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OnlineExam.Web.Auth.DevAuth0;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Auth;

public static class AuthServices
{
    public const string Auth0Scheme = "Auth0";
    public const string CookieName = "__Host-OnlineExam";

    public static WebApplicationBuilder AddSiteAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DevAuth0Options>().BindConfiguration(DevAuth0Options.Section)
            .Configure<IHostEnvironment, IConfiguration>((options, environment, configuration) =>
                options.Enabled = environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration[$"{Auth0Options.Section}:Domain"]));
        services.AddOptions<Auth0Options>().BindConfiguration(Auth0Options.Section).ValidateOnStart();
        services.AddSingleton<Auth0OptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<Auth0Options>>(sp => sp.GetRequiredService<Auth0OptionsSetup>());
        services.AddSingleton<IValidateOptions<Auth0Options>>(sp => sp.GetRequiredService<Auth0OptionsSetup>());
        services.AddDevAuth0();

        services.AddDataProtection().SetApplicationName("OnlineExam");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, IHostEnvironment, ILoggerFactory>((options, storage, environment, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(storage.Value.ResolveDataDirectory(environment.ContentRootPath), "keys")), loggers));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = Auth0Scheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.Path = "/";
                options.ExpireTimeSpan = SessionLimits.IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = "/account/login";
                options.ReturnUrlParameter = "returnUrl";
                // A signed-in user without the permission gets a plain 403 (the site's error page), not a redirect.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(Auth0Scheme, _ => { })
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => { });

        services.AddSingleton<DbTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme).Configure<DbTicketStore, TimeProvider>((options, store, clock) =>
        {
            options.SessionStore = store;
            options.TimeProvider = clock;
            SessionLimits.Apply(options, clock);
        });
        services.AddOptions<OpenIdConnectOptions>(Auth0Scheme).Configure<IOptions<Auth0Options>, IOptions<DevAuth0Options>, IServiceProvider>(
            (options, auth0, devAuth0, provider) => Auth0OpenIdConnect.Configure(options, auth0.Value, devAuth0.Value, provider));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<Auth0Options>, IOptions<DevAuth0Options>, IServiceProvider>(
            (options, auth0, devAuth0, provider) => Auth0JwtBearer.Configure(options, auth0.Value, devAuth0.Value, provider));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ApiCreateExams, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Permissions.Has(context.User, Permissions.CreateExams)))
            .AddPolicy(Policies.ApiUser, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(Policies.CreateExams, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Permissions.Has(context.User, Permissions.CreateExams)));

        return builder;
    }

    /// <summary>The URL that ends the Auth0 session and comes back to <paramref name="returnTo"/>.</summary>
    public static string LogoutUrl(Auth0Options auth0, DevAuth0Options devAuth0, HttpRequest request, string returnTo)
    {
        var query = QueryString.Create(new Dictionary<string, string?> { ["client_id"] = auth0.ClientId, ["returnTo"] = returnTo });
        return devAuth0.Enabled
            ? $"{request.PathBase}{DevAuth0Options.PathPrefix}/v2/logout{query}"
            : $"https://{auth0.Domain}/v2/logout{query}";
    }
}
