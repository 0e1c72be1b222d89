using System.ComponentModel.DataAnnotations;

namespace OnlineExam.Web.Hosting;

public class SiteOptions
{
    public const string Section = "Site";

    // No defaults here: these come only from the root appsettings.json, so a build that
    // failed to ship that file stops at start-up instead of running on silent defaults.
    [Required, StringLength(60)]
    public string Name { get; set; } = "";

    [Required, StringLength(200)]
    public string Tagline { get; set; } = "";
}
