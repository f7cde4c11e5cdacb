using System.Net;

namespace Projection.Scb;

/// <summary>SCB refused a request (a 4xx other than 408/429, or retries ran out); the message names the table and the query.</summary>
public sealed class ScbRequestException : Exception
{
    public ScbRequestException()
    {
    }

    public ScbRequestException(string message)
        : base(message)
    {
    }

    public ScbRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScbRequestException(string message, HttpStatusCode status)
        : base(message)
    {
        Status = status;
    }

    public HttpStatusCode? Status { get; }
}
