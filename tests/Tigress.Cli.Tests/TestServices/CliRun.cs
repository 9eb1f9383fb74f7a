using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Cli.Configuration;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;
using Tigress.Testing;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>Runs <c>tigress</c> in process: the real root command from a DI container with a captured console.</summary>
internal sealed class CliRun
{
    private static readonly string s_noHome = Path.Combine(Path.GetTempPath(), "tigress-tests-no-home-" + Guid.NewGuid().ToString("N"));

    // Where the shares of runs that name no environment save their state.
    private static readonly Lazy<string> s_stateHome = new(() => TemporaryFolder.Create("cli-state"));

    // The current folder of a run that names none: a file saved under its sender's name lands here, not among the tests.
    private static readonly Lazy<string> s_workFolder = new(() => TemporaryFolder.Create("cli-cwd"));

    private CliRun(TestInteractionService console) => Console = console;

    public TestInteractionService Console { get; }

    public Task<int> Exit { get; private set; } = Task.FromResult(-1);

    public StringWriter HelpOutput { get; } = new();

    /// <summary>Starts <paramref name="args"/> and returns at once; await <see cref="Exit"/> for the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="interactive">Whether standard error is a terminal.</param>
    /// <param name="cancellationToken">Plays Ctrl-C.</param>
    /// <param name="typed">What the person types at a secret prompt; null when standard input is not a terminal.</param>
    /// <param name="input">What is piped into standard input.</param>
    /// <param name="onProgress">Called with each progress line as it is logged (interactive runs), to act at that moment.</param>
    /// <param name="confirm">What the person answers to a yes/no question; null when standard input is not a terminal
    /// (unless <paramref name="typed"/> is given).</param>
    /// <param name="environment">The environment variables the command sees; by default none but a HOME that does
    /// not exist, so the machine's own TIGRESS_RELAY and config file never leak into a test.</param>
    /// <param name="outputTerminal">Whether standard output is a terminal.</param>
    /// <param name="currentDirectory">The command's current folder; by default one temporary folder for all runs.</param>
    /// <param name="typedPins">What the person types at each secret prompt in turn (then nothing, just Enter); like
    /// <paramref name="typed"/>, it makes standard input a terminal.</param>
    public static CliRun Start(
        string[] args,
        bool interactive = false,
        CancellationToken cancellationToken = default,
        string? typed = null,
        byte[]? input = null,
        Action<string>? onProgress = null,
        string? confirm = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool outputTerminal = false,
        string? currentDirectory = null,
        IReadOnlyList<string>? typedPins = null)
    {
        var cli = new CliRun(new TestInteractionService(interactive, typed, input, onProgress, confirm, outputTerminal, typedPins));
        environment ??= new Dictionary<string, string> { ["HOME"] = s_noHome, ["XDG_STATE_HOME"] = s_stateHome.Value };
        var services = new ServiceCollection()
            .AddSingleton<Tigress.Cli.Interaction.IInteractionService>(cli.Console)
            .AddSingleton(new CliEnvironment(name => environment.GetValueOrDefault(name), currentDirectory ?? s_workFolder.Value))
            .AddSingleton(new MailboxClientOptions
            {
                MaxRetries = 2,
                InitialRetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            })
            .AddSingleton(new DropboxClientOptions
            {
                MaxRetries = 2,
                InitialRetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(100),
                InitialPollInterval = TimeSpan.FromMilliseconds(50),
                MaxPollInterval = TimeSpan.FromMilliseconds(400),
            })
            .AddTigressServices()
            .BuildServiceProvider();
        cli.Exit = Task.Run(async () =>
        {
            await using (services)
            {
                var configuration = new InvocationConfiguration { Output = cli.HelpOutput, Error = cli.HelpOutput };
                return await TigressCli.InvokeAsync(services, args, configuration, cancellationToken);
            }
        });
        return cli;
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs <paramref name="args"/> to the end with <paramref name="environment"/> as its environment.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var cli = Start(args, environment: environment);
        await cli.Exit.WaitAsync(TimeSpan.FromSeconds(60));
        return cli;
    }

    /// <summary>Starts <c>tigress share</c> and waits for the link it prints first.</summary>
    public static Task<(CliRun Share, string Link)> ShareAsync(LoopbackRelay relay, params string[] args) =>
        ShareAsync(relay.BaseUri, args);

    /// <summary>Starts <c>tigress share --relay URL</c> and waits for the link it prints first.</summary>
    public static async Task<(CliRun Share, string Link)> ShareAsync(Uri relay, params string[] args)
    {
        var share = Start(["share", "--relay", relay.AbsoluteUri, .. args]);
        var first = await Task.WhenAny(share.Console.FirstOutputLine, share.Exit).WaitAsync(TimeSpan.FromSeconds(30));
        if (first == share.Exit)
        {
            throw new InvalidOperationException($"share exited with {share.Exit.Result}: {string.Join(" | ", share.Console.ErrorLines)}");
        }

        return (share, await share.Console.FirstOutputLine);
    }
}
