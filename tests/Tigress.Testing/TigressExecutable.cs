using System.Diagnostics;

namespace Tigress.Testing;

/// <summary>The built <c>tigress</c> command, as end-to-end tests run it: a separate process.</summary>
public static class TigressExecutable
{
    private static readonly Lazy<string> s_path = new(Locate);

    // Where a share started by a test saves its state unless the test gives its own XDG_STATE_HOME: never the home
    // folder of whoever runs the tests.
    private static readonly Lazy<string> s_stateHome = new(() => TemporaryFolder.Create("state-home"));

    /// <summary>The path of <c>tigress.dll</c> built in the same configuration as the running tests.</summary>
    public static string DllPath => s_path.Value;

    /// <summary>A start description for <c>dotnet tigress.dll ARGS</c> with redirected standard streams.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Keep the child's output plain and its telemetry off.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["XDG_STATE_HOME"] = s_stateHome.Value;
        return info;
    }

    /// <summary>The build configuration of the running tests (Debug or Release).</summary>
    public static string Configuration => TestDirectory.Parent!.Name;

    /// <summary>The repository's root folder, the one that holds <c>Tigress.sln</c>.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = TestDirectory;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Tigress.sln")))
            {
                root = root.Parent;
            }

            return root?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Tigress.sln) above the test folder.");
        }
    }

    // Tests run from tests/<Project>/bin/<Configuration>/<tfm>/.
    private static DirectoryInfo TestDirectory => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    private static string Locate()
    {
        var path = Path.Combine(RepositoryRoot, "src", "Tigress.Cli", "bin", Configuration, TestDirectory.Name, "tigress.dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The tigress command is not built at {path}; run ./test.sh, which builds the whole solution first.");
        }

        return path;
    }
}
