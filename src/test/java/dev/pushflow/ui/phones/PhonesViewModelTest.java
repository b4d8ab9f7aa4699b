package dev.pushflow.ui.phones;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.doctor.BadDeviceTokenDoctor;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhonesViewModelTest {
    private final AppContext ctx = Contexts.offline();
    private final PushFlowEngine engine = ctx.engine();
    private final PhonesViewModel vm = new PhonesViewModel(ctx);

    private PhoneModel phone(String id) {
        return vm.phones().stream().filter(p -> p.deviceId().equals(id)).findFirst().orElseThrow();
    }

    private void arrive(String deviceId, String apnsId, String pushType, String payload) {
        engine.notificationArrived(ApnsEnvironment.SANDBOX, engine.device(deviceId).token(), apnsId,
                "com.example.chat", pushType, payload);
    }

    @Test
    void the_doctors_probe_is_no_lock_screen_notification_only_a_quiet_line() {
        String debug = DefaultWorkspace.DEBUG_PHONE;
        assertEquals("", phone(debug).silentPushesProperty().get(), "nothing to say before one arrives");
        arrive(debug, "probe-1", "background", BadDeviceTokenDoctor.PROBE_PAYLOAD);
        assertTrue(phone(debug).notifications().isEmpty(), "no empty banner on the lock screen");
        assertTrue(phone(debug).silentPushesProperty().get().startsWith("1 silent push · last "),
                phone(debug).silentPushesProperty().get());
        arrive(debug, "probe-2", "alert", "{\"aps\":{\"content-available\":1}}");
        assertTrue(phone(debug).silentPushesProperty().get().startsWith("2 silent pushes"));
    }

    @Test
    void a_badge_or_sound_only_push_shows_no_banner_as_on_ios() {
        String debug = DefaultWorkspace.DEBUG_PHONE;
        arrive(debug, "badge-1", "alert", "{\"aps\":{\"badge\":3}}");
        arrive(debug, "sound-1", "alert", "{\"aps\":{\"sound\":\"default\"}}");
        assertTrue(phone(debug).notifications().isEmpty(), "no empty banners");
        assertEquals("", phone(debug).silentPushesProperty().get(), "not silent either: they change badge or sound");
        arrive(debug, "alert-1", "alert", "{\"aps\":{\"alert\":\"Bob: hi\",\"badge\":4}}");
        assertEquals(1, phone(debug).notifications().size());
        assertEquals("Bob: hi", phone(debug).notifications().getFirst().body());
    }

    @Test
    void an_alert_still_shows_as_a_banner_next_to_silent_pushes() {
        String debug = DefaultWorkspace.DEBUG_PHONE;
        arrive(debug, "probe-1", "background", BadDeviceTokenDoctor.PROBE_PAYLOAD);
        arrive(debug, "alert-1", "alert", "{\"aps\":{\"alert\":{\"title\":\"Bob\",\"body\":\"hi\"}}}");
        assertEquals(1, phone(debug).notifications().size());
        assertEquals("hi", phone(debug).notifications().getFirst().body());
        assertEquals("alert-1", phone(debug).notifications().getFirst().apnsId());
    }

    @Test
    void the_clock_says_how_far_it_is_ahead_of_real_time() {
        assertEquals("Clock: real time", PhonesViewModel.clockText(java.time.Duration.ZERO));
        assertEquals("Clock: +1 min", PhonesViewModel.clockText(java.time.Duration.ofMinutes(1)));
        assertEquals("Clock: +1 d 2 h 5 min", PhonesViewModel.clockText(java.time.Duration.ofMinutes(24 * 60 + 125)));
        assertEquals("Clock: +30 s", PhonesViewModel.clockText(java.time.Duration.ofSeconds(30)));
    }

    @Test
    void the_stored_line_says_how_many_and_why() {
        String debug = DefaultWorkspace.DEBUG_PHONE;
        dev.pushflow.engine.DeviceSnapshot s = engine.device(debug);
        assertEquals("", PhonesViewModel.storedText(s), "nothing stored: no line");
        dev.pushflow.engine.DeviceSnapshot both = new dev.pushflow.engine.DeviceSnapshot(s.deviceId(), s.name(), s.build(),
                s.token(), s.tokenEnvironment(), s.real(), s.appState(), s.installed(), s.pushEnabled(), s.loggedInUser(),
                s.lastUser(), s.serviceRegistered(), s.kickedOff(), s.kickedOffBy(), s.reportedCertificateId(), s.badge(),
                s.notificationCount(), s.hookTakesOver(), s.tokenStatus(), false, true, 1, 2);
        assertEquals("Stored at APNs: 3 (offline, Low Power)", PhonesViewModel.storedText(both));
    }
}
