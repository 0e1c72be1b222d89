using System.Text.Json;
using System.Text.RegularExpressions;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

public partial class HtmxVendoringTests
{
    [Fact]
    public void The_committed_htmx_file_is_the_version_libman_json_declares()
    {
        using var libman = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("libman.json")));
        var htmx = libman.RootElement.GetProperty("libraries").EnumerateArray()
            .Single(l => l.GetProperty("library").GetString()!.StartsWith("htmx.org@", StringComparison.Ordinal));
        var version = htmx.GetProperty("library").GetString()!["htmx.org@".Length..];
        var destination = htmx.GetProperty("destination").GetString()!;
        var file = htmx.GetProperty("files").EnumerateArray().Single().GetString()!;

        var content = File.ReadAllText(Repository.PathOf(destination, file));

        Assert.Equal("2.0.11", version);
        Assert.Equal(version, VersionPattern().Match(content).Groups[1].Value);
    }

    [GeneratedRegex("version:\"([0-9.]+)\"")]
    private static partial Regex VersionPattern();
}
