package io.sqsextended.bench;

import javax.management.MBeanServerConnection;

import io.sqsextended.chain.testkit.RunningJar;

/**
 * A consumer in a JVM of its own for a whole benchmark (the chain, the Spring Cloud AWS peer), paused while the other
 * consumers drain, counted by the {@link Bench#DRAINED} lines it prints, measured over JMX.
 */
interface PausableJvm extends AutoCloseable {

    RunningJar jar();

    MBeanServerConnection jmx();

    /** Returns once it can take no more messages. */
    void pause() throws Exception;

    /**
     * Returns once it polls again; fails if it drained anything while paused (it would have taken another's messages).
     */
    void resume() throws Exception;
}
