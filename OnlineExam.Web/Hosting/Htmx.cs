namespace OnlineExam.Web.Hosting;

public static class Htmx
{
    /// <summary>True for htmx's partial requests; a history restore wants the whole page.</summary>
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers["HX-Request"] == "true" && request.Headers["HX-History-Restore-Request"] != "true";
}
