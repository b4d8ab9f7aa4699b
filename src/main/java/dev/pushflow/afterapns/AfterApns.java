package dev.pushflow.afterapns;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.gateway.GatewayListener;
import dev.pushflow.gateway.GatewayNotification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded gateways' second stage: what APNs does after it answered 200, per device token. Apple's rules:
 * <ul>
 *   <li>an offline phone gets nothing; APNs stores <b>one</b> notification per app (a newer one discards the stored
 *       one) and delivers it when the phone is back; {@code apns-expiration: 0} is never stored; a stored
 *       notification whose expiration passed is discarded when it would be delivered; without the header it is
 *       kept up to 30 days;</li>
 *   <li>Low Power Mode holds priority 5 and 1 pushes until it is turned off; priority 10 goes at once;</li>
 *   <li>background pushes are budgeted per app and hour (a small number, as iOS does): the rest are throttled.</li>
 * </ul>
 * The phone itself (collapse IDs on the lock screen, a force-quit app not woken) is the engine's part.
 *
 * <p>Threads: {@link #onAccepted} runs on the gateways' event loops; it decides under a short lock and hands what
 * reaches the phone to {@link Phones} on the same thread, before the 200 is written. Stored notifications released
 * later (network back, Low Power off) are delivered on the caller's thread. {@link Phones} and {@link Listener}
 * are always called outside the lock, so they may call back into this stage.</p>
 */
public final class AfterApns implements GatewayListener {
    /** Apple: "don't send more than two or three per hour". */
    public static final int DEFAULT_BACKGROUND_BUDGET_PER_HOUR = 3;
    /** Without apns-expiration APNs keeps a notification for up to about 30 days. */
    public static final Duration DEFAULT_STORAGE = Duration.ofDays(30);
    /** Held for Low Power Mode, per phone: beyond this the oldest is discarded (bounds memory in bulk runs). */
    static final int MAX_HELD = 100;
    /** States remembered per apns-id; the oldest settled ones are forgotten first. */
    static final int MAX_STATES = 200_000;

    /** Where notifications go when they reach a phone. */
    public interface Phones {
        /** The notification reached the phone with that token ({@code delivered} or {@code delivered-from-storage}). */
        void deliver(GatewayNotification n, DeliveryState state);
    }

    /** Hears every state a notification takes, its first one included. */
    public interface Listener {
        void stateChanged(GatewayNotification n, DeliveryState state);
    }

    /** A phone as APNs knows it: a token on one environment's gateway. */
    public record DeviceKey(ApnsEnvironment environment, String token) {
    }

    /** What APNs holds for a phone, for the window and the CLI. */
    public record DeviceView(boolean online, boolean lowPower, int storedOffline, int storedPower) {
        public static final DeviceView DEFAULT = new DeviceView(true, false, 0, 0);

        public int stored() {
            return storedOffline + storedPower;
        }
    }

    /** A notification APNs holds, with when it accepted it on the simulated clock. */
    private record Held(GatewayNotification n, Instant acceptedAt) {
    }

    private record Change(GatewayNotification n, DeliveryState state) {
    }

    private static final class Device {
        boolean offline;
        boolean lowPower;
        /** topic -> the one notification stored while offline */
        final Map<String, Held> stored = new LinkedHashMap<>();
        final Deque<Held> held = new ArrayDeque<>();
        /** topic -> when background pushes reached the app within the last hour */
        final Map<String, Deque<Instant>> backgroundDeliveries = new HashMap<>();

        boolean isDefault() {
            return !offline && !lowPower && stored.isEmpty() && held.isEmpty() && backgroundDeliveries.isEmpty();
        }
    }

    private final Clock clock;
    private final Phones phones;
    private final Listener listener;
    private final Object lock = new Object();
    private final Map<DeviceKey, Device> devices = new HashMap<>();
    /**
     * The state per apns-id, read without the lock (the log asks once per answered push, on Pushy's thread, while the
     * gateway's thread decides the next ones); written under the lock. The oldest are forgotten first, past
     * {@link #MAX_STATES}. Flat arrays, no object per push (see {@link ApnsIdStates}).
     */
    private final ApnsIdStates states = new ApnsIdStates(MAX_STATES);
    private volatile int backgroundBudgetPerHour = DEFAULT_BACKGROUND_BUDGET_PER_HOUR;

    public AfterApns(Clock clock, Phones phones, Listener listener) {
        this.clock = clock;
        this.phones = phones;
        this.listener = listener == null ? (n, s) -> { } : listener;
    }

    // ---------------------------------------------------------------- the gateway's hook

    /** The gateway accepted a notification: deliver, store, discard or throttle it. Quick, never blocks. */
    @Override
    public void onAccepted(GatewayNotification n) {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>(2);
        synchronized (lock) {
            Device d = devices.get(key(n));
            if (d != null && d.offline) {
                if (Long.valueOf(0).equals(n.expiration())) {
                    set(changes, n, DeliveryState.DISCARDED_NOT_STORED);
                } else {
                    Held previous = d.stored.remove(n.topic());
                    if (previous != null) {
                        set(changes, previous.n(), DeliveryState.DISCARDED_REPLACED);
                    }
                    d.stored.put(n.topic(), new Held(n, now));
                    set(changes, n, DeliveryState.STORED_OFFLINE);
                }
            } else if (d != null && d.lowPower && priority(n) < 10) {
                if (Long.valueOf(0).equals(n.expiration())) {
                    set(changes, n, DeliveryState.DISCARDED_NOT_STORED);
                } else {
                    hold(d, new Held(n, now), changes);
                }
            } else {
                reach(d, n, now, DeliveryState.DELIVERED, changes);
            }
        }
        publish(changes);
    }

    // ---------------------------------------------------------------- the phone's side

    /** Airplane mode off / on. Coming online delivers what APNs stored (on this thread). */
    public void setOnline(DeviceKey key, boolean online) {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        synchronized (lock) {
            Device d = device(key);
            if (d.offline == !online) {
                return;
            }
            d.offline = !online;
            if (online) {
                List<Held> stored = new ArrayList<>(d.stored.values());
                d.stored.clear();
                for (Held h : stored) {
                    if (expired(h, now)) {
                        set(changes, h.n(), DeliveryState.DISCARDED_EXPIRED);
                    } else if (d.lowPower && priority(h.n()) < 10) {
                        hold(d, h, changes);
                    } else {
                        reach(d, h.n(), now, DeliveryState.DELIVERED_FROM_STORAGE, changes);
                    }
                }
            }
            tidy(key, d);
        }
        publish(changes);
    }

    /** Low Power Mode on / off. Turning it off delivers what it held (on this thread). */
    public void setLowPower(DeviceKey key, boolean on) {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        synchronized (lock) {
            Device d = device(key);
            if (d.lowPower == on) {
                return;
            }
            d.lowPower = on;
            if (!on) {
                List<Held> held = new ArrayList<>(d.held);
                d.held.clear();
                for (Held h : held) {
                    if (expired(h, now)) {
                        set(changes, h.n(), DeliveryState.DISCARDED_EXPIRED);
                    } else if (d.offline) {
                        // still offline: it waits in the offline store, one per app like any other
                        Held previous = d.stored.put(h.n().topic(), h);
                        if (previous != null) {
                            set(changes, previous.n(), DeliveryState.DISCARDED_REPLACED);
                        }
                        set(changes, h.n(), DeliveryState.STORED_OFFLINE);
                    } else {
                        reach(d, h.n(), now, DeliveryState.DELIVERED_FROM_STORAGE, changes);
                    }
                }
            }
            tidy(key, d);
        }
        publish(changes);
    }

    /** A phone's token changed (reinstall, other build): its network and power settings go with the phone. */
    public void carryOver(DeviceKey from, DeviceKey to) {
        synchronized (lock) {
            Device old = devices.get(from);
            if (old == null || from.equals(to)) {
                return;
            }
            Device d = device(to);
            d.offline = old.offline;
            d.lowPower = old.lowPower;
        }
    }

    public DeviceView view(DeviceKey key) {
        synchronized (lock) {
            Device d = devices.get(key);
            return d == null ? DeviceView.DEFAULT : new DeviceView(!d.offline, d.lowPower, d.stored.size(), d.held.size());
        }
    }

    /** The state of an accepted notification by its apns-id; empty for one this stage never saw. */
    public Optional<DeliveryState> stateOf(String apnsId) {
        if (apnsId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(states.get(apnsId));
    }

    public int backgroundBudgetPerHour() {
        return backgroundBudgetPerHour;
    }

    /** Background pushes per app and hour that reach the app; 0 throttles them all. */
    public void setBackgroundBudgetPerHour(int perHour) {
        if (perHour < 0) {
            throw new IllegalArgumentException("the background budget is a number of pushes per hour, 0 or more, not "
                    + perHour);
        }
        this.backgroundBudgetPerHour = perHour;
    }

    /** Forgets every phone and state (a new world); the budget goes back to its default. */
    public void reset() {
        synchronized (lock) {
            devices.clear();
            states.clear();
        }
        backgroundBudgetPerHour = DEFAULT_BACKGROUND_BUDGET_PER_HOUR;
    }

    // ---------------------------------------------------------------- rules (under the lock)

    /** The notification would reach the phone now: a background push may be over its budget. */
    private void reach(Device d, GatewayNotification n, Instant now, DeliveryState state, List<Change> changes) {
        if ("background".equals(n.pushType())) {
            Deque<Instant> recent = d == null ? null : d.backgroundDeliveries.get(n.topic());
            Instant hourAgo = now.minus(Duration.ofHours(1));
            if (recent != null) {
                while (!recent.isEmpty() && !recent.peekFirst().isAfter(hourAgo)) {
                    recent.removeFirst();
                }
            }
            int budget = backgroundBudgetPerHour;
            if (recent != null && recent.size() >= budget || budget == 0) {
                set(changes, n, DeliveryState.THROTTLED);
                return;
            }
            if (d == null) {
                d = device(key(n));
            }
            d.backgroundDeliveries.computeIfAbsent(n.topic(), t -> new ArrayDeque<>()).addLast(now);
        }
        set(changes, n, state);
    }

    private void hold(Device d, Held h, List<Change> changes) {
        d.held.addLast(h);
        set(changes, h.n(), DeliveryState.STORED_POWER);
        while (d.held.size() > MAX_HELD) {
            set(changes, d.held.removeFirst().n(), DeliveryState.DISCARDED_REPLACED);
        }
    }

    private static boolean expired(Held h, Instant now) {
        Long expiration = h.n().expiration();
        if (expiration == null) {
            return now.isAfter(h.acceptedAt().plus(DEFAULT_STORAGE));
        }
        return now.getEpochSecond() > expiration;
    }

    private static int priority(GatewayNotification n) {
        return n.priority() == null ? 10 : n.priority();
    }

    private void set(List<Change> changes, GatewayNotification n, DeliveryState state) {
        if (n.apnsId() != null) {
            states.put(n.apnsId(), state); // a new apns-id: past the bound, the oldest one goes
        }
        changes.add(new Change(n, state));
    }

    private Device device(DeviceKey key) {
        return devices.computeIfAbsent(key, k -> new Device());
    }

    private void tidy(DeviceKey key, Device d) {
        if (d.isDefault()) {
            devices.remove(key);
        }
    }

    private static DeviceKey key(GatewayNotification n) {
        return new DeviceKey(n.environment(), n.token());
    }

    /** Outside the lock: the phone gets what reached it, then the listener hears every change, in order. */
    private void publish(List<Change> changes) {
        for (Change c : changes) {
            if (c.state().reachedPhone()) {
                phones.deliver(c.n(), c.state());
            }
            listener.stateChanged(c.n(), c.state());
        }
    }

    /** For tests and the CLI: every phone APNs holds something for. */
    public List<DeviceKey> phonesWithStorage() {
        synchronized (lock) {
            List<DeviceKey> out = new ArrayList<>();
            for (Iterator<Map.Entry<DeviceKey, Device>> it = devices.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<DeviceKey, Device> e = it.next();
                if (!e.getValue().stored.isEmpty() || !e.getValue().held.isEmpty()) {
                    out.add(e.getKey());
                }
            }
            return out;
        }
    }
}
