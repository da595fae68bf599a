/**
 * Notification delivery and escalation: the last stage of alerting, after grouping.
 *
 * <h2>Wiring</h2>
 * <pre>
 * NotificationConfig config = NotificationConfigFile.load(dataDir.resolve("notifications.yaml"));
 * NotificationService notifications = NotificationService.builder(stateStore, config)
 *         .clock(Clock.systemUTC())        // queue times, attempts, back-off
 *         .executor(executor)              // optional; default: a virtual thread per delivery
 *         .details(alertDetails)           // optional; annotations and generator URLs from the rules
 *         .open();                         // loads the queue and escalations left by the last run
 * notifications.start();                   // starts delivering
 *
 * // each evaluation, after muting and grouping (time passed in, never read here):
 * notifications.submit(grouper.tick(now, unmuted));
 * notifications.tick(now, unmuted, acknowledgements);
 *
 * // the console:
 * notifications.desktop().subscribe(event -&gt; Platform.runLater(() -&gt; show(event)));
 * notifications.log(null, from, to, 100);  // what was sent to whom, when, and how it ended
 * notifications.pending();                 // what is waiting or being retried
 *
 * notifications.close();                   // before the state file
 * </pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link io.pharos.engine.alerting.notify.Receiver}: a webhook, a command or the desktop;
 *     {@link io.pharos.engine.alerting.notify.NotificationConfig} holds receivers,
 *     {@link io.pharos.engine.alerting.notify.EscalationPolicy escalation policies},
 *     {@link io.pharos.engine.alerting.notify.Route routes} and the
 *     {@link io.pharos.engine.alerting.notify.RetryPolicy}; {@link
 *     io.pharos.engine.alerting.notify.NotificationConfigFile} reads it from YAML.</li>
 * <li>{@link io.pharos.engine.alerting.notify.AlertmanagerPayload}: the Alertmanager webhook JSON
 *     (version 4) that every receiver gets.</li>
 * <li>{@link io.pharos.engine.alerting.notify.DeliveryQueue}: one {@link
 *     io.pharos.engine.alerting.notify.Delivery} per notification and receiver, in the state file
 *     before {@code submit} or {@code tick} returns; finished deliveries move to the delivery log as
 *     {@link io.pharos.engine.alerting.notify.DeliveryRecord}s.</li>
 * <li>The dispatcher: delivers on its own threads, one delivery at a time per receiver (in order),
 *     retrying with exponential back-off and jitter until the maximum age. A webhook that hangs holds
 *     up only its own receiver, never evaluation.</li>
 * <li>{@link io.pharos.engine.alerting.notify.Escalation}: per alert group, the level reached, kept
 *     in the state file.</li>
 * <li>{@link io.pharos.engine.alerting.notify.DesktopNotifications}: where desktop receivers deliver
 *     {@link io.pharos.engine.alerting.notify.DesktopEvent}s for the console.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * At least once: a notification queued is delivered, fails permanently, or is given up, and each of
 * these is logged; a delivery under way when the engine stops is sent again after the restart.
 * Secrets (webhook tokens) are resolved from references ({@link
 * io.pharos.engine.alerting.notify.SecretResolver}) at sending time and appear in no log line,
 * exception, or state file; webhook URLs appear in messages as scheme, host and port only.
 *
 * <p>State file kinds: records {@code notify.queue} (pending deliveries), {@code notify.escalation}
 * (escalations), {@code notify.meta}; log {@code notify.log} (finished deliveries, keyed by receiver).
 */
package io.pharos.engine.alerting.notify;
