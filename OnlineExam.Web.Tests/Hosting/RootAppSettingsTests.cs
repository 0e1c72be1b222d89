using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

public class RootAppSettingsTests(OnlineExamFactory factory) : IClassFixture<OnlineExamFactory>
{
    private static readonly JsonElement RootSettings =
        JsonDocument.Parse(File.ReadAllText(Repository.PathOf("appsettings.json"))).RootElement;

    [Fact]
    public void The_repository_has_exactly_one_appsettings_json_at_its_root()
    {
        var copies = Directory.EnumerateFiles(Repository.Root, "appsettings*.json", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestResults"))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .ToList();

        Assert.Equal(["appsettings.json"], copies);
    }

    [Fact]
    public void The_app_under_test_reads_the_root_appsettings_json()
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(RootSettings.GetProperty("Site").GetProperty("Tagline").GetString(), configuration["Site:Tagline"]);
        Assert.Equal(RootSettings.GetProperty("Site").GetProperty("Name").GetString(), configuration["Site:Name"]);
    }

    [Fact]
    public async Task Pages_show_values_from_the_root_appsettings_json()
    {
        var client = factory.CreateBrowserlessClient();

        var (_, document) = await client.GetDocumentAsync("/");

        Assert.Equal(RootSettings.GetProperty("Site").GetProperty("Tagline").GetString(), document.QuerySelector(".tagline").Text());
        Assert.Equal(RootSettings.GetProperty("Site").GetProperty("Name").GetString(), document.QuerySelector(".site-name").Text());
    }

    [Fact]
    public void The_copy_next_to_the_assembly_is_the_root_file_byte_for_byte()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

        Assert.Equal(File.ReadAllBytes(Repository.PathOf("appsettings.json")), File.ReadAllBytes(copy));
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/lib/htmx/dist/htmx.min.js", "text/javascript")]
    public async Task Static_files_are_served(string path, string contentType)
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task The_layout_links_the_fingerprinted_static_files_and_they_resolve()
    {
        var client = factory.CreateBrowserlessClient();
        var (_, document) = await client.GetDocumentAsync("/");

        var css = document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var script = document.QuerySelector("script[src]")!.GetAttribute("src")!;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(css)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(script)).StatusCode);
        Assert.Contains("/lib/htmx/dist/htmx.min", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("identity")]
    public async Task Compressed_static_files_decode_to_the_files_in_wwwroot(string encoding)
    {
        var client = factory.CreateBrowserlessClient();
        var (_, document) = await client.GetDocumentAsync("/");
        var script = document.QuerySelector("script[src]")!.GetAttribute("src")!;
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        var response = await client.SendAsync(request);
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "gzip" => new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress),
            "br" => new System.IO.Compression.BrotliStream(raw, System.IO.Compression.CompressionMode.Decompress),
            _ => raw,
        };
        using var body = new MemoryStream();
        await decoded.CopyToAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("OnlineExam.Web", "wwwroot", "lib", "htmx", "dist", "htmx.min.js")), body.ToArray());
    }
}
