package io.pharos.engine.alerting.notify;

/** How one attempt to deliver ended. Messages name no secret. */
public sealed interface SendResult permits SendResult.Delivered, SendResult.Retry, SendResult.Permanent {

    /** The receiver has it. */
    record Delivered() implements SendResult {
    }

    /** Failed in a way that may pass (a timeout, a refused connection, HTTP 5xx or 429): try again later. */
    record Retry(String error) implements SendResult {
    }

    /** Failed in a way that will not pass by trying again (HTTP 4xx): recorded, not retried. */
    record Permanent(String error) implements SendResult {
    }

    static SendResult delivered() {
        return new Delivered();
    }

    static SendResult retry(String error) {
        return new Retry(error);
    }

    static SendResult permanent(String error) {
        return new Permanent(error);
    }
}
