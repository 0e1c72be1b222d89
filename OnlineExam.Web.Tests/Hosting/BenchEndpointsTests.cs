using System.Net;
using Microsoft.AspNetCore.Http;
using OnlineExam.Web.Hosting;
using OnlineExam.Web.Tests.Infrastructure;

namespace OnlineExam.Web.Tests.Hosting;

public class BenchEndpointsTests
{
    private const string Key = "a-sign-in-key-that-is-long-enough-0123456789";

    private static Task<HttpContext> SignInAsync(OnlineExamFactory factory, IPAddress? from, string key) =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/bench/sign-in/7";
            context.Request.Headers[BenchEndpoints.KeyHeader] = key;
            context.Connection.RemoteIpAddress = from;
        });

    [Fact]
    public async Task Nothing_is_mapped_unless_benchmarking()
    {
        await using var factory = new OnlineExamFactory();
        factory.Settings["Bench:SignInKey"] = Key;
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/bench/ceiling")).StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, (await SignInAsync(factory, IPAddress.Loopback, Key)).Response.StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_key_only_the_ceiling_is_mapped()
    {
        await using var factory = new OnlineExamFactory();
        factory.Settings["Bench:Enabled"] = "true";

        var ceiling = await factory.CreateClient().GetAsync("/bench/ceiling");

        Assert.Equal(HttpStatusCode.OK, ceiling.StatusCode);
        Assert.Equal("ok", await ceiling.Content.ReadAsStringAsync());
        Assert.Equal(StatusCodes.Status404NotFound, (await SignInAsync(factory, IPAddress.Loopback, Key)).Response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_needs_the_key_and_a_loopback_caller_and_gives_a_working_session()
    {
        await using var factory = new OnlineExamFactory();
        factory.Settings["Bench:Enabled"] = "true";
        factory.Settings["Bench:SignInKey"] = Key;

        Assert.Equal(StatusCodes.Status404NotFound, (await SignInAsync(factory, IPAddress.Loopback, Key + "x")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, (await SignInAsync(factory, IPAddress.Parse("203.0.113.9"), Key)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, (await SignInAsync(factory, null, Key)).Response.StatusCode);

        var signedIn = await SignInAsync(factory, IPAddress.IPv6Loopback, Key);
        Assert.Equal(StatusCodes.Status200OK, signedIn.Response.StatusCode);
        var cookies = signedIn.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-OnlineExam=", StringComparison.Ordinal));

        var request = new HttpRequestMessage(HttpMethod.Get, "/account/profile");
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var profile = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains("Bench taker 7", await profile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
