package dev.pushflow.ui.log;

import dev.pushflow.apns.ApnsEnvironment;
import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.delivery.DeliveryStatus;
import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.UiEventQueue;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryLogViewModelTest {
    /** What "Open in Doctor" asked the window for. */
    record Opened(String token, Long certificateId, BuildConfiguration build) {
    }

    private final List<Opened> opened = new ArrayList<>();
    private final AppContext ctx = Contexts.offline().withNavigator((t, id, b) -> opened.add(new Opened(t, id, b)));
    private final DeliveryLogViewModel vm = new DeliveryLogViewModel(ctx);

    static DeliveryRecord rejected(long seq, String reason) {
        return rejected(seq, reason, DefaultWorkspace.DEBUG_PHONE, "ab".repeat(32));
    }

    static DeliveryRecord rejected(long seq, String reason, String deviceId, String token) {
        return new DeliveryRecord(seq, Instant.now(), "m" + seq, deviceId, "iPhone 15 · Debug build",
                "alice", 31288, ApnsEnvironment.PRODUCTION, "embedded", "com.example.chat", "alert", 10, token,
                "id-" + seq, null, DeliveryStatus.REJECTED, 400, reason, null, null, 1200, "{\"aps\":{}}");
    }

    private void select(DeliveryRecord r) {
        vm.apply(batch(List.of(r)));
        vm.selectedProperty().set(vm.records().getLast());
    }

    static UiEventQueue.Batch batch(List<DeliveryRecord> records) {
        return new UiEventQueue.Batch(Map.of(), Set.of(), Set.of(), List.of(), records, List.of(), false);
    }

    @Test
    void a_rejection_is_explained_naming_the_certificate_ID_and_the_build() {
        vm.apply(batch(List.of(rejected(1, "BadDeviceToken"))));
        vm.selectedProperty().set(vm.records().getFirst());
        assertTrue(vm.explanationTitleProperty().get().startsWith("BadDeviceToken"));
        assertTrue(vm.explanationProperty().get().contains("31288"));
        assertTrue(vm.fixProperty().get().contains("Debug"));
        assertTrue(vm.headersProperty().get().contains("apns-topic: com.example.chat"));
    }

    @Test
    void filters_by_text_and_status() {
        vm.apply(batch(List.of(rejected(1, "BadDeviceToken"), rejected(2, "Unregistered"))));
        vm.filterTextProperty().set("unregis");
        assertEquals(1, vm.sorted().size());
        vm.filterTextProperty().set("");
        vm.statusFilterProperty().set(DeliveryLogViewModel.StatusFilter.ACCEPTED);
        assertEquals(0, vm.sorted().size());
        assertTrue(vm.countsProperty().get().startsWith("0 of 2"));
    }

    @Test
    void one_hundred_thousand_rows_arrive_in_batches_and_every_one_is_shown() {
        // How quickly is scripts/benchmark-ui's to measure: no wall-clock budget here (it failed under shared load).
        addHundredThousandInBatches();
        assertEquals(100_000, vm.records().size());
        assertEquals(100_000, vm.sorted().size());
    }

    @Test
    void with_the_table_sorted_and_filtered_batches_land_in_order() {
        vm.sorted().comparatorProperty().set(java.util.Comparator.comparingLong(DeliveryRecord::seq).reversed());
        vm.filterTextProperty().set("baddevice");
        addHundredThousandInBatches();
        assertEquals(100_000, vm.sorted().size());
        assertEquals(100_000, vm.sorted().getFirst().seq(), "newest first");
        assertEquals(1, vm.sorted().getLast().seq());
    }

    /** 100k records in batches as large as the event queue hands over. */
    private void addHundredThousandInBatches() {
        int size = UiEventQueue.MAX_EVENTS_PER_DRAIN;
        for (int b = 0; b < 100_000 / size; b++) {
            List<DeliveryRecord> list = new ArrayList<>(size);
            for (int i = 1; i <= size; i++) {
                list.add(rejected((long) b * size + i, "BadDeviceToken"));
            }
            vm.apply(batch(list));
        }
    }

    @Test
    void a_filter_typed_mid_flood_is_computed_aside_with_a_hint_and_loses_or_doubles_nothing() {
        SortedRecordsTest.HeldTasks held = new SortedRecordsTest.HeldTasks();
        DeliveryLogViewModel big = new DeliveryLogViewModel(
                new AppContext(ctx.engine(), ctx.events(), held, ctx.configDir()));
        List<DeliveryRecord> all = new ArrayList<>();
        long seq = 0;
        for (int b = 0; b < 3; b++) {
            List<DeliveryRecord> list = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                seq++;
                list.add(rejected(seq, seq % 2 == 0 ? "BadDeviceToken" : "Unregistered"));
            }
            all.addAll(list);
            big.apply(batch(list));
        }
        big.sorted().comparatorProperty().set(java.util.Comparator.comparingLong(DeliveryRecord::seq).reversed());
        big.filterTextProperty().set("unregis");
        assertTrue(big.countsProperty().get().contains("sorting and filtering…"), big.countsProperty().get());
        List<DeliveryRecord> more = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            seq++;
            more.add(rejected(seq, seq % 2 == 0 ? "BadDeviceToken" : "Unregistered"));
        }
        all.addAll(more);
        big.apply(batch(more)); // arrives while the new order and filter are computed
        held.runAll();
        List<Long> want = all.stream().filter(r -> r.reason().equals("Unregistered")).map(DeliveryRecord::seq)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        assertEquals(want, big.sorted().stream().map(DeliveryRecord::seq).toList());
        assertEquals("15,500 of 31,000 records", big.countsProperty().get());
        big.filterTextProperty().set("");
        held.runAll();
        assertEquals(31_000, big.sorted().stream().map(DeliveryRecord::seq).distinct().count());
    }

    @Test
    void opened_mid_flood_it_shows_every_record_exactly_once() {
        // A queue that has not drained yet: records already in the log are still on their way to the window.
        List<Runnable> pending = new ArrayList<>();
        UiEventQueue queue = new UiEventQueue(pending::add);
        ctx.engine().addListener(queue);
        ctx.engine().log().append(rejected(0, "BadDeviceToken"));
        ctx.engine().log().append(rejected(0, "Unregistered"));
        DeliveryLogViewModel late = new DeliveryLogViewModel(
                new AppContext(ctx.engine(), queue, ctx.tasks(), ctx.configDir()));
        ctx.engine().log().append(rejected(0, "TooManyRequests"));
        while (!pending.isEmpty()) {
            pending.removeFirst().run();
        }
        assertEquals(List.of(1L, 2L, 3L), late.records().stream().map(DeliveryRecord::seq).toList());
    }

    @Test
    void the_text_filter_ignores_case_anywhere_in_a_field() {
        assertTrue(DeliveryLogViewModel.containsIgnoreCase("BadDeviceToken", "devicet"));
        assertTrue(DeliveryLogViewModel.containsIgnoreCase("BadDeviceToken", "baddevicetoken"));
        assertTrue(DeliveryLogViewModel.containsIgnoreCase("abc", ""));
        assertTrue(!DeliveryLogViewModel.containsIgnoreCase("BadDevice", "devicetoken"));
    }

    @Test
    void a_bad_device_token_opens_in_the_doctor_with_its_token_certificate_ID_and_the_phones_build() {
        String token = ctx.engine().device(DefaultWorkspace.DEBUG_PHONE).token();
        select(rejected(1, "BadDeviceToken", DefaultWorkspace.DEBUG_PHONE, token));
        assertTrue(vm.canOpenInDoctorProperty().get());
        vm.openInDoctor();
        assertEquals(List.of(new Opened(token, 31288L, BuildConfiguration.DEBUG)), opened);
    }

    @Test
    void every_token_or_environment_rejection_offers_the_doctor() {
        for (String reason : List.of("BadDeviceToken", "DeviceTokenNotForTopic", "BadCertificateEnvironment",
                "BadEnvironmentKeyIdInToken", "Unregistered")) {
            select(rejected(vm.records().size() + 1, reason));
            assertTrue(vm.canOpenInDoctorProperty().get(), reason);
        }
        for (String reason : List.of("PayloadTooLarge", "TooManyRequests", "BadCollapseId")) {
            select(rejected(vm.records().size() + 1, reason));
            assertFalse(vm.canOpenInDoctorProperty().get(), reason);
        }
    }

    @Test
    void a_no_push_decision_has_nothing_for_the_doctor() {
        select(DeliveryRecord.decision(Instant.now(), "m1", DefaultWorkspace.DEBUG_PHONE, "iPhone 15", "alice", 0,
                DeliveryStatus.NO_PUSH, "logged-out", "alice logged out"));
        assertFalse(vm.canOpenInDoctorProperty().get());
        vm.openInDoctor();
        assertTrue(opened.isEmpty());
        assertTrue(vm.messageErrorProperty().get(), "a message says what to select instead");
    }

    @Test
    void the_build_is_unknown_when_the_device_is_gone_or_holds_another_token_now() {
        select(rejected(1, "Unregistered", "removed-phone", "cd".repeat(32)));
        vm.openInDoctor();
        select(rejected(2, "Unregistered", DefaultWorkspace.DEBUG_PHONE, "cd".repeat(32)));
        vm.openInDoctor();
        assertEquals(2, opened.size());
        assertNull(opened.get(0).build(), "the device was removed");
        assertNull(opened.get(1).build(), "the phone has another token now (reinstalled)");
        assertEquals("cd".repeat(32), opened.get(1).token());
    }
}
