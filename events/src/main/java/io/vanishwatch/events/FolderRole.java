package io.vanishwatch.events;

/** What a folder is for, from SPECIAL-USE or configured names; it decides whether a move hides mail or loses it. */
public enum FolderRole {
    INBOX, JUNK, TRASH, ARCHIVE, SENT, DRAFTS, OTHER
}
