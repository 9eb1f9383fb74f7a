using System.Text.Json;
using System.Text.Json.Serialization;
using Tigress.Cli.Commands;

namespace Tigress.Cli.Configuration;

/// <summary>
/// The person's defaults: the relay <c>share</c> uses when <c>--relay</c> is not given, from the
/// <c>TIGRESS_RELAY</c> environment variable or else the <c>relay</c> field of the config file,
/// <c>$XDG_CONFIG_HOME/tigress/config.json</c> (<c>~/.config/tigress/config.json</c> when XDG_CONFIG_HOME is unset).
/// </summary>
internal static class UserSettings
{
    /// <summary>The environment variable that names the default relay.</summary>
    public const string RelayVariable = "TIGRESS_RELAY";

    // A config file is a few lines; anything larger is not one.
    private const int MaxConfigBytes = 64 * 1024;

    /// <summary>Where the config file is read from, whether or not it exists.</summary>
    public static string ConfigPath(CliEnvironment environment)
    {
        // The XDG base directory rule: a relative XDG_CONFIG_HOME is invalid and ignored.
        var folder = environment["XDG_CONFIG_HOME"] is { } xdg && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(environment["HOME"] ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(folder, "tigress", "config.json");
    }

    /// <summary>
    /// The default relay and where it came from (for error messages), or null when neither the environment nor the
    /// config file names one.
    /// </summary>
    /// <exception cref="CliUsageException">The config file exists but cannot be read or is not valid.</exception>
    public static (string Relay, string Source)? DefaultRelay(CliEnvironment environment)
    {
        if (environment[RelayVariable] is { } relay)
        {
            return (relay, RelayVariable);
        }

        var path = ConfigPath(environment);
        return Read(path)?.Relay is { } configured ? (configured, $"\"relay\" in {path}") : null;
    }

    private static ConfigFile? Read(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxConfigBytes)
            {
                throw new CliUsageException($"config file {path}: larger than {MaxConfigBytes} bytes; it should hold one JSON object such as {{\"relay\": \"https://relay.example/\"}}.");
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"config file {path}: cannot read it ({exception.Message}).");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, ConfigJsonContext.Default.ConfigFile)
                ?? throw new JsonException("null");
        }
        catch (JsonException exception)
        {
            // The reader's message names the line and the position; the file holds no secret.
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : "";
            throw new CliUsageException($"config file {path}: not valid{where}; it should hold one JSON object such as {{\"relay\": \"https://relay.example/\"}}.");
        }
    }
}

/// <summary>The config file: one JSON object; unknown fields are ignored so a newer file still works.</summary>
internal sealed class ConfigFile
{
    /// <summary>The default relay's base URL.</summary>
    [JsonPropertyName("relay")]
    public string? Relay { get; init; }
}

/// <summary>Source-generated reading of the config file (comments and trailing commas allowed, as people write).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ConfigFile))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
