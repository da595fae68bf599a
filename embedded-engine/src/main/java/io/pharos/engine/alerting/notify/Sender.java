package io.pharos.engine.alerting.notify;

/**
 * Delivers one queued delivery to its receiver, once, blocking at most for the receiver's timeout.
 * Called on a dispatcher worker thread, never on the evaluation thread, and never twice at once for
 * the same receiver. It must not throw for a delivery problem: it returns a {@link SendResult}.
 */
@FunctionalInterface
public interface Sender {
    SendResult send(Delivery delivery);
}
