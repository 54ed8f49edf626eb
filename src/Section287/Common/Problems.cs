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

    /// <summary>200 with the value, or the error's problem. Typed, so that OpenAPI shows the value's shape.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToHttp<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();

    /// <summary>A PDF to download, or the error's problem.</summary>
    public static IResult ToPdf(this Result<(byte[] Pdf, string FileName)> result) =>
        result.IsSuccess ? TypedResults.File(result.Value.Pdf, "application/pdf", result.Value.FileName) : result.Error!.ToProblem();

    /// <summary>201 at the new record's address, or the error's problem.</summary>
    public static Results<Created<T>, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value), result.Value) : result.Error!.ToProblem();

    public static ProblemHttpResult ToProblem(this Rule rule) => rule.Refuse().ToProblem();

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
