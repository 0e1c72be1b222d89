using OnlineExam.Web.Auth;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Hosting;

/// <summary>Health endpoint and structured logs that name the request and the user.</summary>
public static class Operations
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<ExamDbContext>("database");
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
            });
        }

        return builder;
    }

    /// <summary>Adds the signed-in user's id to the log scope, beside ASP.NET Core's RequestId and TraceId.</summary>
    public static WebApplication UseUserLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OnlineExam.Requests");
        app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new Dictionary<string, object?> { ["UserId"] = context.User.UserId() }))
            {
                await next(context);
            }
        });
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").DisableHttpMetrics();
        return app;
    }
}
