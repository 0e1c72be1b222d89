using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;
using OnlineExam.Web.Exams;

namespace OnlineExam.Web.Hosting;

/// <summary>After any authoring write, drops the cached public pages that could show the exam.</summary>
public sealed class ExamsChangedFilter(IOutputCacheStore cache) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && executed.Exception is null)
        {
            await cache.ExamsChangedAsync(context.HttpContext.RequestAborted);
        }
    }
}
