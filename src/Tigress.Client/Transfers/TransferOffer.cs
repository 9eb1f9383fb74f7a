using System.ComponentModel;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>
/// What a share offers the recipient, verified, for the app to show before the person accepts
/// (<see cref="TransferSession.RunAsync"/>) or declines (<see cref="TransferSession.DeclineAsync"/>). It comes from the
/// sender's first sealed message, which only the holder of the link can open.
/// </summary>
public sealed class TransferOffer
{
    // Generous for a title or description, short enough for one screen.
    private const int MaxTitleLength = 200;
    private const int MaxDescriptionLength = 1000;

    internal TransferOffer(string format, ShareVertical vertical, DisplayInformation? displayInformation, bool? previewMatched)
    {
        Format = format;
        Vertical = vertical;
        Title = DisplayText.ToLine(displayInformation?.Title, MaxTitleLength);
        Description = DisplayText.ToLine(displayInformation?.Description, MaxDescriptionLength);
        ImageUrl = displayInformation?.ImageUrl;
        PreviewMatched = previewMatched;
    }

    /// <summary>The credential's provisioning-information format, one this device's verticals speak.</summary>
    public string Format { get; }

    /// <summary>The vertical the credential is for: the link's hint on the mailbox binding, the format's own on the
    /// dropbox binding (whose invitation carries no hint).</summary>
    public ShareVertical Vertical { get; }

    /// <summary>The title the sender sealed into the share, made safe to show by <see cref="DisplayText.ToLine"/> (one line,
    /// runs of white space as one space, no control, format or direction-changing character, at most 200 characters);
    /// null when the sender sealed no display information. Show it as plain text.</summary>
    public string? Title { get; }

    /// <summary>The description the sender sealed, made safe to show like <see cref="Title"/> (at most 1000 characters).</summary>
    public string? Description { get; }

    /// <summary>The image URL the sender sealed (an absolute https URL); fetching it tells its server that a share is being opened.</summary>
    public Uri? ImageUrl { get; }

    /// <summary>
    /// True when the relay's public preview equals the sealed title, description and image (docs/protocol.md section
    /// 5.1); null when the binding serves no preview to compare (the dropbox). A relay whose preview differs never gets
    /// this far: the session ends with <see cref="TransferError.PreviewMismatch"/> and tells the sender.
    /// </summary>
    public bool? PreviewMatched { get; }

    /// <summary>The name the sender gave the shared file (the generic authorization token's <c>name</c>), exactly as the
    /// sender wrote it; null when the share carries none. Check it before it names anything on disk, and show it through
    /// <see cref="DisplayText.ToLine"/>: it can hold anything a JSON string can.</summary>
    public string? FileName { get; init; }

    /// <summary>Names the format only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"TransferOffer({Format})";
}
