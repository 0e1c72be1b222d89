using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace OnlineExam.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.ReadDocumentAsync());
    }

    public static string Text(this AngleSharp.Dom.IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
