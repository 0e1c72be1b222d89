using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Auth;

/// <summary>
/// Keeps sign-in tickets in the database; the cookie carries only a random session id. Signing
/// out deletes the row, so a copied cookie replayed afterwards authenticates nobody.
/// </summary>
public sealed class DbTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private readonly IDataProtector protector = protection.CreateProtector("OnlineExam.Sessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Sessions.Add(new UserSession
        {
            Id = id,
            UserId = ticket.Principal.UserId() ?? "",
            Ticket = protector.Protect(TicketSerializer.Default.Serialize(ticket)),
            CreatedAt = now,
            ExpiresAt = Expiry(ticket, now),
        });
        // Expired sessions are swept as new ones arrive.
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        var bytes = protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var expires = Expiry(ticket, clock.GetUtcNow().UtcDateTime);
        await db.Sessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var bytes = await db.Sessions.AsNoTracking().Where(s => s.Id == key && s.ExpiresAt > now).Select(s => s.Ticket).SingleOrDefaultAsync();
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(bytes));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExamDbContext>().Sessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private static DateTime Expiry(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.Add(SessionLimits.IdleTimeout);
}

public static class SessionLimits
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(12);
    public const string SignedInAtKey = "signedInAt";

    /// <summary>Cookie events: remember when the person signed in, and end the session 12 hours later however active it is.</summary>
    public static void Apply(CookieAuthenticationOptions options, TimeProvider clock)
    {
        options.Events.OnSigningIn = context =>
        {
            context.Properties.Items.TryAdd(SignedInAtKey, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var signedInAt = context.Properties.Items.TryGetValue(SignedInAtKey, out var value)
                && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                    ? at
                    : context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
            if (clock.GetUtcNow() - signedInAt > AbsoluteLimit)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
    }
}
