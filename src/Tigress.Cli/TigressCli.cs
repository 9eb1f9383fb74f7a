using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tigress.Cli.Commands;
using Tigress.Cli.Interaction;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;

namespace Tigress.Cli;

/// <summary>
/// Composes the <c>tigress</c> command: the services, the subcommands (one registration line each), and the
/// invocation with its parse-error and Ctrl-C handling.
/// </summary>
internal static class TigressCli
{
    // Long enough for a share interrupted with Ctrl-C to tell the recipient and delete its mailbox.
    private static readonly TimeSpan s_terminationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The subcommands, in the order help lists them.</summary>
    public static IServiceCollection AddTigressCommands(this IServiceCollection services)
    {
        services.AddTransient<Command, ShareCommand>();
        services.AddTransient<Command, ReceiveCommand>();
        services.AddTransient<Command, RelayCommand>();
        services.AddTransient<TigressRootCommand>();
        return services;
    }

    /// <summary>The services the commands use; tests replace the console and the HTTP settings before building.</summary>
    public static IServiceCollection AddTigressServices(this IServiceCollection services)
    {
        services.TryAddSingleton<IInteractionService, ConsoleInteractionService>();
        services.TryAddSingleton(new MailboxClientOptions());
        services.TryAddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // Above the longest long poll (60 s), so a waiting read is not cut short.
            Timeout = TimeSpan.FromSeconds(90),
        });
        services.TryAddSingleton(provider => new MailboxClient(provider.GetRequiredService<HttpClient>(), provider.GetRequiredService<MailboxClientOptions>()));

        // The dropbox client keeps its own connection pool: it must send no cookies or credentials but a transfer's own.
        services.TryAddSingleton(new DropboxClientOptions());
        services.TryAddSingleton(provider => new DropboxClient(provider.GetRequiredService<DropboxClientOptions>()));
        return services.AddTigressCommands();
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse exits with
    /// <see cref="ExitCodes.InvalidUsage"/> and one line on standard error.</summary>
    public static async Task<int> InvokeAsync(IServiceProvider services, string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var root = services.GetRequiredService<TigressRootCommand>();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var command = parseResult.CommandResult.Command;
            var name = command == root ? "tigress" : $"tigress {command.Name}";
            services.GetRequiredService<IInteractionService>().DisplayError($"{name}: {parseResult.Errors[0].Message} (see '{name} --help')");
            return ExitCodes.InvalidUsage;
        }

        configuration ??= new InvocationConfiguration();
        configuration.ProcessTerminationTimeout = s_terminationTimeout;
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
