using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tigress.Cli.Commands;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Client;
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
        services.AddTransient<Command, StatusCommand>();
        services.AddTransient<Command, CancelCommand>();
        services.AddTransient<Command, RelayCommand>();
        services.AddTransient<Command, CompletionCommand>();
        services.AddTransient<TigressRootCommand>();
        return services;
    }

    /// <summary>The services the commands use; tests replace the console and the HTTP settings before building.</summary>
    public static IServiceCollection AddTigressServices(this IServiceCollection services)
    {
        services.TryAddSingleton<IInteractionService, ConsoleInteractionService>();
        services.TryAddSingleton(CliEnvironment.Process);
        // Both clients keep their own connection pools, which send no cookies or credentials and follow no redirect (a
        // redirect would carry a device claim or a message elsewhere).
        services.TryAddSingleton(new MailboxClientOptions());
        services.TryAddSingleton(provider => new MailboxClient(provider.GetRequiredService<MailboxClientOptions>()));
        services.TryAddSingleton(new DropboxClientOptions());
        services.TryAddSingleton(provider => new DropboxClient(provider.GetRequiredService<DropboxClientOptions>()));
        services.TryAddSingleton(provider => new TigressClient(provider.GetRequiredService<MailboxClient>(), provider.GetRequiredService<DropboxClient>()));
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

        // Ctrl-C (SIGINT) cancels the command's token; closing the terminal (SIGHUP) and a polite kill (SIGTERM) must
        // too, so a share is cancelled at the relay before the process ends instead of dying with its link live.
        using var terminated = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var hangup = RegisterTermination(PosixSignal.SIGHUP, terminated);
        using var terminate = RegisterTermination(PosixSignal.SIGTERM, terminated);
        return await parseResult.InvokeAsync(configuration, terminated.Token).ConfigureAwait(false);
    }

    private static PosixSignalRegistration? RegisterTermination(PosixSignal signal, CancellationTokenSource terminated)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return PosixSignalRegistration.Create(signal, context =>
        {
            // Keep the process alive: the command ends itself once the share is cancelled.
            context.Cancel = true;
            try
            {
                terminated.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command has finished already.
            }
        });
    }
}
