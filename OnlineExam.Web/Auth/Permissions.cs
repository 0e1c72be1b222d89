namespace OnlineExam.Web.Auth;

public static class Permissions
{
    public const string CreateExams = "create:exams";

    /// <summary>Auth0 RBAC puts permissions in this claim of access tokens.</summary>
    public const string ClaimType = "permissions";

    public static bool Has(System.Security.Claims.ClaimsPrincipal user, string permission) =>
        user.FindAll(ClaimType).Any(c => c.Value == permission)
        || user.FindAll("scope").Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(permission));
}

public static class Policies
{
    /// <summary>Bearer token holding create:exams; used by /api writes.</summary>
    public const string ApiCreateExams = "api:create:exams";

    /// <summary>A bearer token of any kind; used by /api endpoints that check ownership themselves.</summary>
    public const string ApiUser = "api:user";

    /// <summary>Signed-in page user holding create:exams.</summary>
    public const string CreateExams = "create:exams";
}
