package io.pharos.engine.incident;

import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import java.util.Objects;

/**
 * Carries actions out on the simulated reference fleet, as {@link FleetAdjustment}s in force from
 * the request's time: scaling adds hosts, throttling refuses requests at the region's edge, a
 * fail-over moves all of a region's traffic, a clean-up of "disk", "memory" or "orphaned" frees disks,
 * restarts leaking processes or ends cost spikes. Nothing outside the simulation changes.
 */
public final class FleetActionExecutor implements ActionExecutor {
    private final ReferenceFleet fleet;

    public FleetActionExecutor(ReferenceFleet fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    @Override
    public String name() {
        return "the simulated reference fleet";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    /**
     * Puts back, after a restart, what succeeded actions did to the simulation: each one's
     * adjustment again from its own start time. The timeline says they ran; without this the
     * simulation would behave as if they had not. Returns how many were restored.
     */
    public int restore(IncidentService incidents, ResponseService responses) {
        int restored = 0;
        for (Incident incident : incidents.list()) {
            for (ActionRecord r : responses.actions(incident.id())) {
                if (r.status() == ActionStatus.SUCCEEDED && r.simulated()) {
                    execute(new ActionRequest(r.id(), r.incidentId(), r.action(), r.decidedBy(), r.startedAtMs()));
                    restored++;
                }
            }
        }
        return restored;
    }

    @Override
    public String execute(ActionRequest request) {
        long at = request.atMs();
        try {
            FleetAdjustment adjustment = switch (request.action()) {
                case ResponseAction.ScaleCompute a -> new FleetAdjustment.AddHosts(FleetRegion.byId(a.region()),
                        FleetService.byId(a.service()), a.hosts(), at);
                case ResponseAction.ThrottleTraffic a -> new FleetAdjustment.Throttle(FleetRegion.byId(a.region()),
                        a.share(), at);
                case ResponseAction.CleanUpResources a -> new FleetAdjustment.CleanUp(FleetRegion.byId(a.region()),
                        FleetAdjustment.Cleanup.byId(a.resource()), at);
                case ResponseAction.FailOverRegion a -> new FleetAdjustment.FailOver(FleetRegion.byId(a.from()),
                        FleetRegion.byId(a.to()), 1, at);
                // A fail-over with share 0 from now on: the region serves its own traffic again.
                case ResponseAction.FailBackRegion a -> new FleetAdjustment.FailOver(FleetRegion.byId(a.region()),
                        FleetRegion.byId(a.from()), 0, at);
            };
            fleet.adjust(adjustment);
            return "simulated: " + request.action().describe() + " from " + Format.time(at);
        } catch (IllegalArgumentException e) {
            throw new ActionFailedException("the simulated fleet refused it: " + e.getMessage(), "");
        }
    }
}
