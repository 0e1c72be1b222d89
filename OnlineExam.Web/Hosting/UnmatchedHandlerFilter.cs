using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OnlineExam.Web.Hosting;

/// <summary>
/// Razor Pages renders a page even when no handler matches the method or the handler name,
/// leaving its model empty (a 500). Such requests get 405 (another method) or 404 (unknown handler).
/// </summary>
public sealed class UnmatchedHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var reExecuted = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0 && !reExecuted)
        {
            var method = context.HttpContext.Request.Method;
            var allowed = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                context.Result = new NotFoundResult();
            }
            else
            {
                context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed.Select(m => m.ToUpperInvariant()));
                context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            }

            return Task.CompletedTask;
        }

        return next();
    }
}
