using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnlineExam.Web.Api;

/// <summary>
/// Names the JSON body an endpoint reads itself, for the OpenAPI document. Unlike Accepts(),
/// it adds no content-type route matching, so the handler can answer 415 with a problem
/// document instead of routing falling through to 404.
/// </summary>
public sealed record JsonBodyMetadata(Type Type);

/// <summary>
/// Reads a JSON request body with the limits and error messages a script author can act on:
/// 415 for another content type, 413 past the size limit, 400 with the JSON path of the
/// unknown member, wrong type or syntax error.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the exam as JSON with the header Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid body", detail: "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Describe(exception));
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
        detail: $"The body must be at most {MaxBytes / 1024} KB.");

    private static IResult Describe(JsonException exception)
    {
        var path = exception.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : null;
        var message = exception.Message;
        if (path is not null && message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = ["This member is not part of the exam document."] },
                title: "Unknown member");
        }

        if (path is not null && message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = ["This value has the wrong type."] },
                title: "Wrong type");
        }

        if (path is not null && message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = ["This member appears more than once."] },
                title: "Duplicate member");
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
            detail: $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
    }
}
