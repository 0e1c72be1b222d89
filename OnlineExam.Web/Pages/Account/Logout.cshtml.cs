using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OnlineExam.Web.Auth;
using OnlineExam.Web.Auth.DevAuth0;

namespace OnlineExam.Web.Pages.Account;

[AllowAnonymous]
public class LogoutModel(IOptions<Auth0Options> auth0, IOptions<DevAuth0Options> devAuth0) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var home = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/";
        return Redirect(AuthServices.LogoutUrl(auth0.Value, devAuth0.Value, Request, home));
    }
}
