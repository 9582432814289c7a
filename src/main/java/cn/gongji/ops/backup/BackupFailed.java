package cn.gongji.ops.backup;

/** A backup or restore that could not be done; nothing was changed. The message is for the operator (Chinese / English). */
public class BackupFailed extends RuntimeException {

    public BackupFailed(String message) {
        super(message);
    }

    public BackupFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
