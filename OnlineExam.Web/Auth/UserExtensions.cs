using System.Security.Claims;

namespace OnlineExam.Web.Auth;

public static class UserExtensions
{
    /// <summary>The Auth0 subject (<c>sub</c>) of a signed-in user or API client; null when anonymous.</summary>
    public static string? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue("sub") : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirstValue("email") ?? user.FindFirstValue("sub") ?? "";
}
