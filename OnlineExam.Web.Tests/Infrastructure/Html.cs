using AngleSharp;
using AngleSharp.Html.Dom;

namespace OnlineExam.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    /// <summary>Parses the response at its own address, so relative form actions resolve as in a browser.</summary>
    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "https://localhost/";
        return (IHtmlDocument)await Context.OpenAsync(request => request.Content(html).Address(address));
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.ReadDocumentAsync());
    }

    public static string Text(this AngleSharp.Dom.IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
