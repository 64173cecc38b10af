package io.sqsextended.bench.peer;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.springframework.stereotype.Component;

/**
 * Pause and resume over JMX ({@code io.sqsextended.bench:type=SpringPeer}), as the bench pauses the chain while
 * another consumer drains: stop() of a container returns once its polls and the messages in flight are done and
 * acknowledged; start() polls again.
 */
@Component
public class PeerControl implements PeerControlMBean {

    static final String NAME = "io.sqsextended.bench:type=SpringPeer";

    private final MessageListenerContainerRegistry containers;

    public PeerControl(MessageListenerContainerRegistry containers) throws JMException {
        this.containers = containers;
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(NAME));
    }

    @Override
    public void pause() {
        containers.getListenerContainers().forEach(MessageListenerContainer::stop);
    }

    @Override
    public void resume() {
        containers.getListenerContainers().forEach(MessageListenerContainer::start);
    }

    @Override
    public boolean isRunning() {
        return containers.getListenerContainers().stream().allMatch(MessageListenerContainer::isRunning);
    }
}
