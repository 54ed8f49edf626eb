using Microsoft.AspNetCore.Http.HttpResults;

namespace Section287.Common;

/// <summary>The one place an <see cref="Error"/> becomes an HTTP status and an RFC 9457 problem.</summary>
public static class Problems
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Rule => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
    };

    public static ProblemHttpResult ToProblem(this Error error) =>
        TypedResults.Problem(
            title: error.Message,
            statusCode: StatusOf(error.Kind),
            type: $"https://section287.example/problems/{error.Code}",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = error.Code,
                ["errors"] = error.Fields.Count > 0 ? error.Fields : null,
            }.Where(kv => kv.Value is not null).ToDictionary());
}
