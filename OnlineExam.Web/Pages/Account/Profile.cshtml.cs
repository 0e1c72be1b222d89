using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OnlineExam.Web.Auth;

namespace OnlineExam.Web.Pages.Account;

[Authorize]
public class ProfileModel : PageModel
{
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public IReadOnlyList<string> Permissions { get; private set; } = [];

    public void OnGet()
    {
        Name = User.Identity?.Name ?? "";
        Email = User.FindFirst("email")?.Value ?? "";
        Permissions = [.. User.FindAll(Auth.Permissions.ClaimType).Select(c => c.Value).Distinct().Order()];
    }
}
