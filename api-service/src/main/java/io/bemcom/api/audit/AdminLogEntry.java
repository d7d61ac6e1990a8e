package io.bemcom.api.audit;

/**
 * One entry of the admin's audit trail (Django's {@code LogEntry}): who did what to which object
 * and when. {@code actionFlag} is Django's: 1 addition, 2 change, 3 deletion.
 */
public record AdminLogEntry(long id, long actionTime, String username, String contentType, String objectId,
                            String objectRepr, int actionFlag, String changeMessage) {

    public static final int ADDITION = 1;
    public static final int CHANGE = 2;
    public static final int DELETION = 3;

    public boolean isAddition() {
        return actionFlag == ADDITION;
    }

    public boolean isChange() {
        return actionFlag == CHANGE;
    }

    public boolean isDeletion() {
        return actionFlag == DELETION;
    }

    /** What the History page shows in "Action", as Django's {@code LogEntry.get_change_message()}. */
    public String description() {
        if (!changeMessage.isEmpty()) {
            return changeMessage;
        }
        return switch (actionFlag) {
            case ADDITION -> "Added.";
            case DELETION -> "Deleted.";
            default -> "No fields changed.";
        };
    }
}
