package io.sqsextended.chain.consumer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;

import io.sqsextended.chain.ChainApp;
import io.sqsextended.chain.testkit.Postgres;
import io.sqsextended.chain.testkit.RecordingDownstream;
import io.sqsextended.chain.wire.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** examples/sql/record.camel.yaml records each payload's key, size and ETag in PostgreSQL, then hands the payload on. */
class SqlExampleTest {

    @TempDir
    Path dataDir;
    final RecordingDownstream downstream = new RecordingDownstream();

    @Test
    void eachPayloadIsRecordedInTheTableAndHandedOnUnchanged() throws Exception {
        String url = Postgres.get().newDatabase();
        try (Connection db = DriverManager.getConnection(url)) {
            db.createStatement().execute("CREATE TABLE payloads (payload_key TEXT, size BIGINT, etag TEXT, PRIMARY KEY (payload_key, etag))");
        }
        String key = "input/" + UUID.randomUUID() + ".txt";
        String eTag;
        try (ChainApp app = ChainApp.builder(dataDir).consumer().downstream("direct:sql").property("chain.routes.dir", "examples/sql")
                .property("camel.beans.exampleDb", "#class:org.postgresql.ds.PGSimpleDataSource").property("camel.beans.exampleDb.url", url)
                .property("example.sql.to", RecordingDownstream.URI).start(); S3Client s3 = AwsClients.s3(app.clientSettings())) {
            downstream.addTo(app.context());
            eTag = s3.putObject(r -> r.bucket(app.property("chain.bucket")).key(key), RequestBody.fromString("twelve bytes")).eTag();

            assertThat(downstream.awaitKey(key).text()).isEqualTo("twelve bytes");
        }
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
