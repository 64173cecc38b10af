package io.sqsextended.chain.consumer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.testkit.Postgres;
import io.sqsextended.chain.testkit.RecordingDownstream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import io.sqsextended.chain.testkit.ChainExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/sql/record.camel.yaml records each payload's key, size and ETag in PostgreSQL, then hands the payload on.
 */
class SqlExampleTest {

    @RegisterExtension
    final ChainExtension chain = ChainExtension.app().consumer().recordingDownstream().downstream("direct:sql")
            .property(ConsumerSettings.ROUTES_DIR.name(), "examples/sql")
                    .property("camel.beans.exampleDb", "#class:org.postgresql.ds.PGSimpleDataSource")
            .property("example.sql.to", RecordingDownstream.URI).startInTest();

    @Test
    void eachPayloadIsRecordedInTheTableAndHandedOnUnchanged() throws Exception {
        String url = Postgres.get().newDatabase();
        try (Connection db = DriverManager.getConnection(url)) {
            db.createStatement()
                    .execute(
                    "CREATE TABLE payloads (payload_key TEXT, size BIGINT, etag TEXT, PRIMARY KEY (payload_key, "
                    + "etag))");
        }
        String key = "input/" + UUID.randomUUID() + ".txt";
        chain.property("camel.beans.exampleDb.url", url).start();
        String eTag = chain.s3().putObject(r -> r.bucket(chain.property(ChainKeys.BUCKET.name())).key(key),
                RequestBody.fromString("twelve bytes")).eTag();

        assertThat(chain.downstream().awaitKey(key).text()).isEqualTo("twelve bytes");
        chain.stop();
        try (Connection db = DriverManager.getConnection(url);
             ResultSet rows = db.createStatement().executeQuery("SELECT payload_key, size, etag FROM payloads")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(key);
            assertThat(rows.getLong(2)).isEqualTo(12);
            assertThat(rows.getString(3)).isEqualTo(eTag.replace("\"", ""));
            assertThat(rows.next()).as("one row").isFalse();
        }
    }
}
