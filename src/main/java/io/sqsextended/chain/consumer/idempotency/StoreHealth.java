package io.sqsextended.chain.consumer.idempotency;

/** What readiness asks an idempotency store of the chain. */
public interface StoreHealth {

    /** Where the keys are, for people (never credentials). */
    String location();

    /** Null while the store records delivered keys, else why not; checks it now. */
    String problem();
}
