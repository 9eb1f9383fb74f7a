using Microsoft.Extensions.DependencyInjection;
using Tigress.Cli;

await using var services = new ServiceCollection().AddTigressServices().BuildServiceProvider();
return await TigressCli.InvokeAsync(services, args).ConfigureAwait(false);
