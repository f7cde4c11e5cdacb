# The `projection` command with the embedded Västmanland default. No Docker engine runs where
# this project is developed, so this file is kept plain and standard; build it with
#   docker build -t projection . && docker run --rm projection run --region 1980
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Projection.Cli/Projection.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
# The runtime images define a non-root user; run as it.
USER $APP_UID
ENTRYPOINT ["dotnet", "projection.dll"]
CMD ["run"]
