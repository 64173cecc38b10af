package io.sqsextended.bench.peer;

/** What the bench calls on the peer over JMX (see {@link PeerControl}). */
public interface PeerControlMBean {

    void pause();

    void resume();

    boolean isRunning();
}
