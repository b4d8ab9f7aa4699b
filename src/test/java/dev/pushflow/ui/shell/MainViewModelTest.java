package dev.pushflow.ui.shell;

import dev.pushflow.delivery.ConnectionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MainViewModelTest {
    private static ConnectionStatus status(String gateway, ConnectionStatus.State state, String failure) {
        return new ConnectionStatus("sample token key PFKEY00001", gateway, state, failure,
                state == ConnectionStatus.State.CONNECTED ? 1 : 0, Instant.EPOCH);
    }

    @Test
    void the_status_bar_counts_connections_and_names_each_failure_in_its_tooltip() {
        MainViewModel vm = new MainViewModel(new Properties());
        vm.refreshConnections(List.of());
        assertThat(vm.connectionsProperty().get()).isEqualTo("No APNs connection yet");
        assertThat(vm.connectionFailedProperty().get()).isFalse();

        vm.refreshConnections(List.of(
                status("embedded sandbox 127.0.0.1:40001", ConnectionStatus.State.CONNECTED, null),
                status("api.push.apple.com:443", ConnectionStatus.State.FAILED,
                        "DNS: cannot resolve api.push.apple.com (no network, or a proxy is needed)")));
        assertThat(vm.connectionsProperty().get()).isEqualTo("APNs: 1 connected, 1 failed");
        assertThat(vm.connectionFailedProperty().get()).isTrue();
        assertThat(vm.connectionsDetailProperty().get())
                .contains("api.push.apple.com:443: failed: DNS: cannot resolve")
                .contains("embedded sandbox 127.0.0.1:40001: connected");
    }

    @Test
    void panels_are_reachable_by_number_including_raw_push_doctor_and_load() {
        MainViewModel vm = new MainViewModel(new Properties());
        vm.select(7);
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.RAW_PUSH);
        vm.select(8);
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.DOCTOR);
        vm.select(9);
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.LOAD);
        vm.select(10);
        assertThat(vm.panelProperty().get()).isEqualTo(MainViewModel.Panel.LOAD);
    }
}
