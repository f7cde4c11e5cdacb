# The Projection service on the embedded Västmanland default. There is no Docker engine where
# this project is developed, so this file is kept plain and standard:
#   docker build -t projection . && docker run --rm -p 8080:8080 projection
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Projection.Api/Projection.Api.csproj -c Release -o /app \
 && dotnet publish src/Projection.Cli/Projection.Cli.csproj -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The seeds and models are published beside the program (seeds/; models/: scenarios, the
# uncertainty model, the migration model and the example batch);
# the store is created on first start in /app/data, owned by the non-root user of the image.
RUN mkdir -p /app/data && chown $APP_UID /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Projection__StorePath=/app/data/projection.db
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["dotnet", "/app/Projection.Api.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "/app/Projection.Api.dll"]
