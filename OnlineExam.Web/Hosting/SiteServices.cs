namespace OnlineExam.Web.Hosting;

public static class SiteServices
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddRazorPages();
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseSitePipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // /api answers errors with problem JSON; pages with the site's error page.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseExceptionHandler("/error").UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

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
