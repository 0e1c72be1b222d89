namespace OnlineExam.Web.Hosting;

public static class SiteServices
{
    public const int FormValueCountLimit = 4096;
    public const string PublicPages = "public-pages";

    /// <summary>Evicted whenever an exam, its questions or its visibility change.</summary>
    public const string ExamsTag = "exams";


    /// <summary>The pages whose writes (answer saves, submits) count against a user's answer limit.</summary>
    private static readonly string[] AnswerPages = ["/Attempts/Take", "/Attempts/Submit"];

    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new PageResponseHeaders());
            options.Conventions.ConfigureFilter(new UnmatchedHandlerFilter());
            options.Conventions.AuthorizeFolder("/Manage", Auth.Policies.CreateExams);
            options.Conventions.AddFolderApplicationModelConvention("/Manage", model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(ExamsChangedFilter))));
            foreach (var page in AnswerPages)
            {
                options.Conventions.AddPageApplicationModelConvention(page, model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(AnswerRateLimitFilter))));
            }

        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options =>
        {
            // Forms carry ids and short texts: no value needs more than 16 KB, and 4096 values
            // cover a 200-question exam with every checkbox ticked.
            options.ValueCountLimit = FormValueCountLimit;
            options.ValueLengthLimit = 16 * 1024;
            options.MultipartBodyLengthLimit = 1024 * 1024;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
        {
            options.MaxModelBindingCollectionSize = FormValueCountLimit;
            // jQuery-style keys ("a[b]") are not ours, and a key with an unclosed bracket made
            // these providers throw (a 500) before any handler ran.
            foreach (var jquery in options.ValueProviderFactories
                .Where(f => f is Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory or Microsoft.AspNetCore.Mvc.ModelBinding.JQueryQueryStringValueProviderFactory)
                .ToList())
            {
                options.ValueProviderFactories.Remove(jquery);
            }
        });
        services.AddProblemDetails();
        services.AddSiteRateLimits();
        services.AddSingleton<ExamsChangedFilter>();
        services.AddOutputCache(options =>
        {
            // Only anonymous GETs of the public lists and exam pages; the default policy already
            // refuses authenticated requests and responses that set cookies.
            options.AddPolicy(PublicPages, policy => policy
                .Tag(ExamsTag)
                .SetVaryByHeader("HX-Request")
                .SetVaryByQuery("page", "pageSize")
                .Expire(TimeSpan.FromMinutes(10)));
        });
        return services;
    }

    public static WebApplication UseSitePipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();

        // /api answers errors with problem JSON; pages with the site's error page.
        app.UseWhen(IsApi, api => api
            .UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeFor })
            .UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = StatusCodeFor })
            .UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseUserLogScope();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        return app;
    }

    /// <summary>A body the server refuses to read (too large, malformed form) is the client's fault.</summary>
    private static int StatusCodeFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static WebApplication MapSitePages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        // Without it, a POST to an unknown path matches only the static-asset file fallback
        // (GET/HEAD) and answers 405 instead of 404.
        app.MapFallback(() => Results.NotFound());
        return app;
    }
}
