using System.Net;
using System.Net.Http.Json;

namespace OnlineExam.Web.Auth.DevAuth0;

/// <summary>
/// The OpenID Connect and JwtBearer handlers' HTTP channel to the emulator's tenant: the same
/// discovery, JWKS and token responses the /dev-auth0 endpoints serve, without a socket, so the
/// app needs to know no listening address.
/// </summary>
public sealed class DevAuth0Backchannel(DevAuth0Server server) : HttpMessageHandler
{
    private const string BaseUrl = $"https://{DevAuth0Options.Domain}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.Host != DevAuth0Options.Domain)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var path = request.RequestUri.AbsolutePath;
        DevAuth0Result result;
        if (request.Method == HttpMethod.Get && path == "/.well-known/openid-configuration")
        {
            result = new DevAuth0Result(200, server.Discovery(BaseUrl));
        }
        else if (request.Method == HttpMethod.Get && path == "/.well-known/jwks.json")
        {
            result = new DevAuth0Result(200, server.Jwks());
        }
        else if (request.Method == HttpMethod.Post && path == "/oauth/token" && request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString());
            result = server.Token(form, request.Headers.Authorization?.ToString());
        }
        else
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        return new HttpResponseMessage((HttpStatusCode)result.Status)
        {
            RequestMessage = request,
            Content = JsonContent.Create(result.Body, result.Body.GetType()),
        };
    }
}
