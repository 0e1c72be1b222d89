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

        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        return app;
    }

    public static WebApplication MapSitePages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
