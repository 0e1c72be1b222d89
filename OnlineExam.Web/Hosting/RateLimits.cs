using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OnlineExam.Web.Auth;

namespace OnlineExam.Web.Hosting;

public class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Answer saves and submits per signed-in user per minute.</summary>
    [Range(1, 1_000_000)]
    public int AnswerWritesPerMinute { get; set; } = 120;

    /// <summary>POST, PUT and DELETE calls to /api per client (token subject, else address) per minute.</summary>
    [Range(1, 1_000_000)]
    public int ApiWritesPerMinute { get; set; } = 60;
}

public static class RateLimits
{
    public const string ApiWrites = "api-writes";

    public static IServiceCollection AddSiteRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerRateLimitFilter>();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(ApiWrites, context => WritesOnly(context, "client:" + (context.User.UserId() ?? Address(context)),
                context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ApiWritesPerMinute));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> WritesOnly(HttpContext context, string key, int perMinute) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            });

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 10;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"Wait {retryAfter} seconds before the next write." },
        });
    }
}

/// <summary>
/// Limits answer saves and submits per user. A page filter rather than the rate limiting
/// middleware, whose endpoint policies did not take effect on these Razor Pages handlers.
/// </summary>
public sealed class AnswerRateLimitFilter(IOptions<RateLimitOptions> options) : IAsyncPageFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.AnswerWritesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            await next();
            return;
        }

        using var lease = limiter.AttemptAcquire(http.User.UserId() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (lease.IsAcquired)
        {
            await next();
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 10;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many changes in a short time. Wait {retryAfter} seconds, then try again; nothing you chose is lost.";
        context.Result = http.Request.IsHtmx()
            ? new ContentResult
            {
                StatusCode = StatusCodes.Status429TooManyRequests,
                ContentType = "text/html; charset=utf-8",
                Content = $"<span class=\"save-status__error\">{System.Net.WebUtility.HtmlEncode(message)}</span>",
            }
            : new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => limiter.Dispose();
}
