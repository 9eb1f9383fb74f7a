using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tigress.Client.Transfers;

/// <summary>Secrets in the text form the transfer state keeps them in.</summary>
internal static class SecretText
{
    /// <summary>Base64url of <paramref name="secret"/>, which is cleared afterwards: the caller's copy was only for this.</summary>
    public static string Encode(byte[] secret)
    {
        try
        {
            return Base64Url.EncodeToString(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
