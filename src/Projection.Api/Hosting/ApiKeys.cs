using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Projection.Store;

namespace Projection.Api.Hosting;

/// <summary>
/// Identity for writes: an API key in the <c>X-Api-Key</c> header, issued with
/// <c>projection keys create</c> and kept hashed in the store (<see cref="ApiKeyStore"/>). Reads
/// need no key. Saving and deleting scenarios, and submitting and cancelling batches, need a key
/// with the write scope; what a key made belongs to it, and only it or an admin key may delete or
/// cancel it.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string WritePolicy = "write";
    public const string ScopeClaim = "scope";

    public static IServiceCollection AddProjectionApiKeys(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireClaim(ScopeClaim, ApiKeyStore.Write, ApiKeyStore.Admin));
        return services;
    }

    /// <summary>The id of the key that made the request (null without one).</summary>
    public static string? KeyId(this ClaimsPrincipal user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>True for a key with the admin scope: it may change anything and has no quotas.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user is not null && user.HasClaim(ScopeClaim, ApiKeyStore.Admin);

    /// <summary>True when the request's key may act on what <paramref name="owner"/> made: its own, or any with the admin scope.</summary>
    public static bool MayChange(this ClaimsPrincipal user, string? owner) =>
        user is not null && (user.IsAdmin() || (owner is not null && owner == user.KeyId()));

    private sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            if (keys.Find(values[0]!) is not { } key)
            {
                return Task.FromResult(AuthenticateResult.Fail("Unknown or revoked API key."));
            }

            var claims = key.Scopes.Select(s => new Claim(ScopeClaim, s)).Append(new Claim(ClaimTypes.NameIdentifier, key.Id)).Append(new Claim(ClaimTypes.Name, key.Name));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeys.Scheme));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeys.Scheme)));
        }

        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "An API key is required.", Detail = $"Writing needs a key with the write scope in the {Header} header; a region's administrator issues one with `projection keys create` (docs/api.md, \"Keys\")." },
            });
        }

        protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "This key may not do that.", Detail = "Writing needs a key with the write scope." },
            });
        }
    }
}
