package io.vanishwatch.events;

/**
 * What a folder is for, from SPECIAL-USE (RFC 6154) or configured names; it decides whether a move hides mail or
 * loses it. {@link #ALL_MAIL} holds every message of the account (Gmail's {@code [Gmail]/All Mail}, {@code \All}):
 * a message that is still there was archived, not lost.
 */
public enum FolderRole {
    INBOX, JUNK, TRASH, ARCHIVE, ALL_MAIL, SENT, DRAFTS, OTHER
}
