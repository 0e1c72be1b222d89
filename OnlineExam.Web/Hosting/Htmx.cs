namespace OnlineExam.Web.Hosting;

public static class Htmx
{
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers.TryGetValue("HX-Request", out var value) && value == "true";
}
