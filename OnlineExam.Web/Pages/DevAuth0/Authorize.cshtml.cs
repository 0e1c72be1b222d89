using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OnlineExam.Web.Auth.DevAuth0;

namespace OnlineExam.Web.Pages.DevAuth0;

/// <summary>The local Auth0 emulator's sign-in form (Development only).</summary>
[AllowAnonymous]
public class AuthorizeModel(DevAuth0Server server) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ProtocolInput Protocol { get; set; } = new();

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ProtocolError { get; private set; }

    public IActionResult OnGet() => Check() ?? Page();

    public IActionResult OnPost()
    {
        if (Check() is { } failure)
        {
            return failure;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = server.IssueCode(
            new DevAuth0AuthorizeRequest(Protocol.client_id!, Protocol.redirect_uri!, Protocol.nonce, Protocol.code_challenge, Protocol.code_challenge_method, Protocol.audience),
            new DevAuth0User(Input.Name.Trim(), Input.Email.Trim(), Input.MayCreateExams));
        return Redirect(QueryHelpers.AddQueryString(Protocol.redirect_uri!, new Dictionary<string, string?> { ["code"] = code, ["state"] = Protocol.state }));
    }

    public IActionResult OnPostCancel() => Check() ?? Redirect(QueryHelpers.AddQueryString(Protocol.redirect_uri!, new Dictionary<string, string?>
    {
        ["error"] = "access_denied",
        ["error_description"] = "The user cancelled the sign-in.",
        ["state"] = Protocol.state,
    }));

    private IActionResult? Check()
    {
        if (!server.Options.Enabled)
        {
            return NotFound();
        }

        ProtocolError = server.CheckAuthorizeRequest(Protocol.response_type, Protocol.client_id, Protocol.redirect_uri, Protocol.code_challenge_method, Request);
        if (ProtocolError is null)
        {
            return null;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // Named as the OAuth parameters so the query string and the hidden fields bind directly.
#pragma warning disable IDE1006, CA1707
    public class ProtocolInput
    {
        public string? response_type { get; set; }
        public string? client_id { get; set; }
        public string? redirect_uri { get; set; }
        public string? scope { get; set; }
        public string? state { get; set; }
        public string? nonce { get; set; }
        public string? code_challenge { get; set; }
        public string? code_challenge_method { get; set; }
        public string? audience { get; set; }
        public string? response_mode { get; set; }
    }
#pragma warning restore IDE1006, CA1707

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your name")]
        [StringLength(100, ErrorMessage = "Your name must be 100 characters or fewer")]
        [Display(Name = "Display name")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com")]
        [StringLength(200)]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Display(Name = "May create exams")]
        public bool MayCreateExams { get; set; }
    }
}
