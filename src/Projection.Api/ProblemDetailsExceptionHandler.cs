using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Projection.Core;

namespace Projection.Api;

/// <summary>
/// Every error leaves as RFC 7807 problem details: invalid input as 400 with its fields, a bad
/// request (malformed JSON, a body too large) with its own status in Development and Production
/// alike, anything else as 500 without exception text.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case InvalidInputException invalid:
                httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
                problem = new ValidationProblemDetails(invalid.Errors.ToDictionary(kv => kv.Key, kv => kv.Value)) { Status = StatusCodes.Status400BadRequest, Title = "One or more assumptions are invalid." };
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest && RequestErrors.FieldOf(bad) is { } field:
                httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
                problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field.Field] = [field.Message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request could not be read.",
                    Detail = field.ToString(),
                };
                break;
            case BadHttpRequestException bad:
                httpContext.Response.StatusCode = bad.StatusCode;
                problem = new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                    Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"At most {Projections.ProjectionsApi.MaxRequestBytes} bytes." : "Check that the body is valid JSON of the documented shape.",
                };
                break;
            case Hosting.ServiceBusyException busy:
                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The service is busy.", Detail = busy.Message };
                break;
            default:
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
                httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
                problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
                break;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
