using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OnlineExam.Web.Data;

namespace OnlineExam.Web.Auth;

/// <summary>
/// Keeps sign-in tickets in the database; the cookie carries only a random session id. Signing
/// out deletes the row, so a copied cookie replayed afterwards authenticates nobody.
/// Tickets read in the last minute are kept in memory, because every signed-in request needs one;
/// this process is the only writer of the table, so renewals and sign-outs update the memory too.
/// </summary>
public sealed class DbTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore, IDisposable
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(1);
    private readonly IDataProtector protector = protection.CreateProtector("OnlineExam.Sessions");
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 20_000, Clock = new CacheClock(clock) });

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, AbsoluteExpirationRelativeToNow = RememberFor };
    private static readonly Remembered SignedOut = new(null!, DateTime.MinValue);

    private sealed record Remembered(AuthenticationTicket Ticket, DateTime ExpiresAt);

    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = Expiry(ticket, now);
        db.Sessions.Add(new UserSession
        {
            Id = id,
            UserId = ticket.Principal.UserId() ?? "",
            Ticket = protector.Protect(TicketSerializer.Default.Serialize(ticket)),
            CreatedAt = now,
            ExpiresAt = expires,
        });
        await using var transaction = await db.BeginWriteAsync(CancellationToken.None);
        // Expired sessions are swept as new ones arrive.
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        await transaction.CommitAsync(CancellationToken.None);
        Remember(id, ticket, expires);
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        var bytes = protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var expires = Expiry(ticket, clock.GetUtcNow().UtcDateTime);
        await db.WriteAsync(() => db.Sessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires)), CancellationToken.None);
        Remember(key, ticket, expires);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (recent.TryGetValue(key, out Remembered? remembered) && remembered is not null)
        {
            // A copy: the cookie handler may change the ticket it is given.
            return remembered.ExpiresAt > now ? remembered.Ticket.Clone() : null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        var session = await SessionById(db, key, now);
        if (session is null)
        {
            return null;
        }

        try
        {
            var ticket = TicketSerializer.Default.Deserialize(protector.Unprotect(session.Ticket));
            if (ticket is not null)
            {
                Remember(key, ticket, session.ExpiresAt);
            }

            return ticket;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        lock (recent)
        {
            recent.Set(key, SignedOut, Entry);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExamDbContext>();
        await db.WriteAsync(() => db.Sessions.Where(s => s.Id == key).ExecuteDeleteAsync(), CancellationToken.None);
    }

    public void Dispose() => recent.Dispose();

    private void Remember(string key, AuthenticationTicket ticket, DateTime expiresAt)
    {
        lock (recent)
        {
            // A sign-out that came in while the row was being read or renewed has left its mark: keep it.
            if (!recent.TryGetValue(key, out Remembered? known) || !ReferenceEquals(known, SignedOut))
            {
                recent.Set(key, new Remembered(ticket.Clone(), expiresAt), Entry);
            }
        }
    }

    private static readonly Func<ExamDbContext, string, DateTime, Task<StoredSession?>> SessionById = EF.CompileAsyncQuery(
        (ExamDbContext db, string key, DateTime now) => db.Sessions.AsNoTracking()
            .Where(s => s.Id == key && s.ExpiresAt > now)
            .Select(s => new StoredSession(s.Ticket, s.ExpiresAt))
            .SingleOrDefault());

    private sealed record StoredSession(byte[] Ticket, DateTime ExpiresAt);

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
