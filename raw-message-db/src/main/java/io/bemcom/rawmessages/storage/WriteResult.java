package io.bemcom.rawmessages.storage;

/** What one committed write did: new rows, rows that were already there, rejects kept. */
public record WriteResult(int stored, int duplicates, int rejects) {
}
