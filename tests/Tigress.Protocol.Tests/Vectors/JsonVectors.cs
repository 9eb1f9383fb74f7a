using System.Text.Json;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// Reads the known-answer files of tests/vectors/, which the JavaScript tests read too; the project file copies them
/// next to the test assembly.
/// </summary>
public static class JsonVectors
{
    /// <summary>The root of <paramref name="fileName"/> in tests/vectors/.</summary>
    public static JsonElement Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "vectors", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>A string member of <paramref name="element"/>.</summary>
    public static string Text(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidDataException($"The member {name} is null.");
}
