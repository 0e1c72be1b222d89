using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace OnlineExam.Web.Hosting;

public static class RootAppSettings
{
    /// <summary>
    /// The repository keeps a single appsettings.json at its root. The build copies it next to
    /// the app's assembly (bin/ under dotnet run and the tests, the publish folder after
    /// dotnet publish), so the default "appsettings.json" source is re-pointed at the assembly
    /// folder instead of the content root. It keeps its place in the source order, so
    /// environment files, user secrets, environment variables and the command line still
    /// override it.
    /// </summary>
    public static ConfigurationManager UseRootAppSettings(this ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: "appsettings.json" } json)
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = "appsettings.json",
                    Optional = false,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                };
                return configuration;
            }
        }

        throw new InvalidOperationException("The default appsettings.json configuration source was not found.");
    }
}
