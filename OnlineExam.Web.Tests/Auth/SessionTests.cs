using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Auth;

public sealed class SessionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly OnlineExamFactory factory;

    public SessionTests() => factory = new OnlineExamFactory { Clock = clock };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private async Task<bool> SignedInAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/")).Document.QuerySelector(".account__name") is not null;

    /// <summary>Moves the clock for the app (fake) and for the fake Auth0 tokens (real time stays valid).</summary>
    private void Wait(TimeSpan time) => clock.Advance(time);

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_rejected_afterwards()
    {
        var client = factory.CreateClient();
        var callback = await factory.SignInAsync(client, Users.Ada);
        var copied = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-OnlineExam=", StringComparison.Ordinal)).Split(';')[0];
        var replay = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        replay.DefaultRequestHeaders.Add("Cookie", copied);
        var beforeSignOut = await replay.GetAsync("/account/profile");
        var (_, home) = await client.GetDocumentAsync("/");

        var logout = await client.SubmitAsync((IHtmlFormElement)home.QuerySelector(".account form")!);
        var replayed = await replay.GetAsync("/account/profile");

        Assert.Equal(HttpStatusCode.OK, beforeSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith($"https://{FakeAuth0.Domain}/authorize", replayed.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == Users.Ada.Subject)));
    }

    [Fact]
    public async Task The_session_cookie_holds_only_a_session_id_kept_in_the_database()
    {
        var client = await factory.SignedInClientAsync(Users.Grace);

        var sessions = await factory.WithDbAsync(db => db.Sessions.Where(s => s.UserId == Users.Grace.Subject).ToListAsync());

        Assert.Single(sessions);
        Assert.True(await SignedInAsync(client));
    }

    [Fact]
    public async Task Thirty_idle_minutes_end_the_session_while_activity_keeps_it_alive()
    {
        var idle = await factory.SignedInClientAsync(new FakeUser("auth0|idle", "Idle Ida", "ida@example.test"));
        var active = await factory.SignedInClientAsync(new FakeUser("auth0|active", "Active Al", "al@example.test"));

        Wait(TimeSpan.FromMinutes(20));
        Assert.True(await SignedInAsync(active));
        Wait(TimeSpan.FromMinutes(20));

        Assert.False(await SignedInAsync(idle));
        Assert.True(await SignedInAsync(active));
    }

    [Fact]
    public async Task Twelve_hours_after_sign_in_the_session_ends_however_active()
    {
        var client = await factory.SignedInClientAsync(new FakeUser("auth0|marathon", "Marathon Mo", "mo@example.test"));

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            Wait(TimeSpan.FromMinutes(20));
            Assert.True(await SignedInAsync(client), $"signed out early, after {elapsed}");
        }

        Wait(TimeSpan.FromMinutes(40));
        Assert.False(await SignedInAsync(client));
    }
}
