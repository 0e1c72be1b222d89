using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace OnlineExam.Web.Hosting;

/// <summary>
/// Every page can answer htmx with a fragment, so caches must key on HX-Request; and a page
/// rendered for a signed-in user (their name, answers, results) must never be stored.
/// </summary>
public sealed class PageResponseHeaders : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.Append(HeaderNames.Vary, "HX-Request");
        if (http.User.Identity?.IsAuthenticated == true)
        {
            http.Response.Headers.CacheControl = "no-store";
        }

        return next();
    }
}
