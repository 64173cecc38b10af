package io.sqsextended.chain.consumer.idempotency;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.sqsextended.chain.wire.Sha256;

/**
 * The shared store's table: its schema and the statements of {@link SharedIdempotencyStore}; every time is the
 * database's.
 */
public final class ClaimsTable {

    public static final String TABLE = "chain_delivered";
    /** The schema, created when missing (docs/operations.md gives it to DBAs who create it themselves). */
    public static final List<String> SCHEMA = List.of("""
            CREATE TABLE IF NOT EXISTS chain_delivered (
                processor_name VARCHAR(255) NOT NULL,
                message_id     CHAR(64)     NOT NULL,
                payload        TEXT         NOT NULL,
                owner          VARCHAR(64)  NOT NULL,
                done           BOOLEAN      NOT NULL DEFAULT FALSE,
                updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                PRIMARY KEY (processor_name, message_id))""",
            "CREATE INDEX IF NOT EXISTS chain_delivered_claims ON chain_delivered (owner) WHERE NOT done",
            "CREATE INDEX IF NOT EXISTS chain_delivered_age ON chain_delivered (processor_name, updated_at)");

    // a claim: a new row, or the row of a claim nobody renewed within the timeout (never a delivered key)
    static final String CLAIM = "INSERT INTO chain_delivered AS d (processor_name, message_id, payload, owner) "
            + "VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (processor_name, message_id) "
            + "DO UPDATE SET owner = EXCLUDED.owner, updated_at = CURRENT_TIMESTAMP "
            + "WHERE ? AND NOT d.done AND d.updated_at < CURRENT_TIMESTAMP - make_interval(secs => ?)";
    static final String LIVE_COUNT = "SELECT COUNT(*) FROM chain_delivered WHERE processor_name = ? AND message_id = ? "
            + "AND (done OR updated_at >= CURRENT_TIMESTAMP - make_interval(secs => ?))";
    static final String DONE = "SELECT COUNT(*) FROM chain_delivered "
            + "WHERE processor_name = ? AND message_id = ? AND done";
    static final String CONFIRM = "UPDATE chain_delivered SET done = TRUE, updated_at = CURRENT_TIMESTAMP "
            + "WHERE processor_name = ? AND message_id = ? AND owner = ?";
    static final String RELEASE = "DELETE FROM chain_delivered "
            + "WHERE processor_name = ? AND message_id = ? AND owner = ? AND NOT done";
    static final String REMOVE = "DELETE FROM chain_delivered WHERE processor_name = ? AND message_id = ?";
    static final String CLEAR = "DELETE FROM chain_delivered WHERE processor_name = ?";
    static final String RENEW = "UPDATE chain_delivered SET updated_at = CURRENT_TIMESTAMP "
            + "WHERE owner = ? AND NOT done";
    static final String EXPIRE = "DELETE FROM chain_delivered "
            + "WHERE processor_name = ? AND updated_at < CURRENT_TIMESTAMP - make_interval(secs => ?)";

    private ClaimsTable() {
    }

    /** Who claims: this process on this host (for people reading the table), and this run of it. */
    static String newOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String who = ProcessHandle.current().pid() + "@" + host;
        return who.substring(0, Math.min(who.length(), 54)) + "/" + run;
    }

    /** The row's key: the SHA-256 of the idempotency key, as S3 keys exceed any index entry. */
    static String id(String key) {
        return HexFormat.of().formatHex(Sha256.of(key));
    }
}
