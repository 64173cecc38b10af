package io.sqsextended.chain.consumer.events;

/**
 * S3 event notifications as each sender documents (or, for the emulators, writes) them, with the bucket
 * {@code payloads} and keys that exercise each sender's encoding. {@code %s} is the key's ETag where a test
 * sends two events of one key (an overwrite).
 */
final class SenderEvents {

    private SenderEvents() {
    }

    /**
     * AWS S3, "Example message when an object is created using a PUT request":
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
     * (keys form-encoded: a space is '+', a '+' is %2B; versions 2.1 to 2.5 of the structure).
     */
    static final String AWS = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2",
             "eventTime":"1970-01-01T00:00:00.000Z",
             "eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
             "requestParameters":{"sourceIPAddress":"172.16.0.1"},
             "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810",
              "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
             "s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule",
              "bucket":{"name":"payloads","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
               "arn":"arn:aws:s3:::payloads"},
              "object":{"key":"input/Happy+Face%2B1.jpg","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
               "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
            """;

    /**
     * MinIO, "Bucket Notifications"
     * (https://min.io/docs/minio/linux/administration/monitoring/bucket-notifications.html) and its source
     * (github.com/minio/minio, cmd/event-notification.go: version 2.0, event names with the configuration's "s3:"
     * prefix, keys url.QueryEscape'd so '/' is %2F and a space '+', times in milliseconds).
     */
    static final String MINIO = """
            {"EventName":"s3:ObjectCreated:Put","Key":"payloads/input/hello world.jpg","Records":[{"eventVersion":"2.0",
             "eventSource":"minio:s3","awsRegion":"","eventTime":"2019-10-22T09:27:27.123Z","eventName":"%s",
             "userIdentity":{"principalId":"minioadmin"},"requestParameters":{"principalId":"minioadmin","region":"",
              "sourceIPAddress":"172.16.118.255"},
             "responseElements":{"x-amz-request-id":"15CFEDF8D4736ED9",
              "x-minio-deployment-id":"0170a4cc-dca6-4e72-86f1-c0cc760dff7f",
              "x-minio-origin-endpoint":"http://172.17.0.2:9000"},
             "s3":{"s3SchemaVersion":"1.0","configurationId":"Config",
              "bucket":{"name":"payloads","ownerIdentity":{"principalId":"minioadmin"},"arn":"arn:aws:s3:::payloads"},
              "object":{"key":"input%%2Fhello+world.jpg","size":224662,"eTag":"5fc7298143efe1276d39a3466d4e255f",
               "contentType":"image/jpeg",
               "userMetadata":{"content-type":"image/jpeg"},"sequencer":"15CFEDF8D5304D1A"}},
             "source":{"host":"172.16.118.255","port":"","userAgent":"MinIO (linux; amd64) minio-go/v7.0.70"}}]}
            """;

    /**
     * Ceph RGW, "Bucket Notifications", Events (https://docs.ceph.com/en/latest/radosgw/notifications/#events) and
     * Red Hat Ceph Storage 4's developer guide, "Event record"
     * (https://docs.redhat.com/en/documentation/red_hat_ceph_storage/4/html/developer_guide/event-record_dev): the size
     * as a string, an empty versionId on unversioned buckets, fractions of microseconds, and (the older releases)
     * event names with the "s3:" prefix: {@code %s}.
     */
    static final String CEPH = """
            {"Records":[{"eventVersion":"2.2","eventSource":"ceph:s3","awsRegion":"us-east-1",
             "eventTime":"2019-11-22T13:47:35.124724Z",
             "eventName":"%s","userIdentity":{"principalId":"tester"},"requestParameters":{"sourceIPAddress":""},
             "responseElements":{"x-amz-request-id":"503a4c37-85eb-47cd-8681-2817e80b4281.5330.903595",
              "x-amz-id-2":"14d2-zone1-zonegroup1"},
             "s3":{"s3SchemaVersion":"1.0","configurationId":"mynotif1",
              "bucket":{"name":"payloads","ownerIdentity":{"principalId":"tester"},
               "arn":"arn:aws:s3:us-east-1::payloads",
               "id":"503a4c37-85eb-47cd-8681-2817e80b4281.5332.38"},
              "object":{"key":"input/myimage1.jpg","size":"1024","eTag":"37b51d194a7513e45b56f6524f2d51f2",
               "versionId":"",
               "sequencer":"F7E6D75DC742D108","metadata":[],"tags":[]}},
             "eventId":"1575221657.102001.80dad3aad8584778352c68ea8cf2c34a","opaqueData":"me@example.com"}]}
            """;

    /**
     * LocalStack's S3 notifications (github.com/localstack/localstack,
     * localstack-core/localstack/services/s3/notifications.py, {@code _get_event_payload}): keys {@code quote()}d (a
     * space is %20, a '+' %2B, '/' kept), one constant sequencer for every event, time in milliseconds: {@code %s} is
     * the ETag, {@code %s} the time.
     */
    static final String LOCALSTACK = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"%2$s",
             "eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
             "requestParameters":{"sourceIPAddress":"127.0.0.1"},
             "responseElements":{"x-amz-request-id":"9e5c1b8d","x-amz-id-2":"eftixk72aD6Ap51TnqcoF8eFidJG9Z/2"},
             "s3":{"s3SchemaVersion":"1.0","configurationId":"input-created",
              "bucket":{"name":"payloads","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
               "arn":"arn:aws:s3:::payloads"},
              "object":{"key":"input/hello%%20world%%2B1.txt","sequencer":"0055AED6DCD90281E5","size":11,
               "eTag":"%1$s"}}}]}
            """;

    /**
     * moto's S3 notifications (github.com/getmoto/moto, moto/s3/notifications.py, {@code _get_s3_event}; moto 5.2): a
     * time without zone in microseconds, keys {@code quote_plus()}ed ('/' is %2F), no sequencer and no versionId:
     * {@code %s} is the ETag, {@code %s} the time.
     */
    static final String MOTO = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"%2$s",
             "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","configurationId":"input-created",
              "bucket":{"name":"payloads","arn":"arn:aws:s3:::payloads"},
              "object":{"key":"input%%2Fhello+world.txt","size":11,"eTag":"%1$s"}}}]}
            """;
}
