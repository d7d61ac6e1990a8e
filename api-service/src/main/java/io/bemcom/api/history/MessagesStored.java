package io.bemcom.api.history;

import java.util.List;

/**
 * Published by {@link MessageStore#ingest} inside the ingestion transaction: listeners that want
 * only committed messages use {@code @TransactionalEventListener} (after commit), as the live push
 * does. The messages in arrival order.
 */
public record MessagesStored(MessageTable table, List<StoredMessage> messages) {
}
