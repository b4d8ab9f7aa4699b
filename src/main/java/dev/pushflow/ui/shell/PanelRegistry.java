package dev.pushflow.ui.shell;

import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.compose.ComposeView;
import dev.pushflow.ui.compose.ComposeViewModel;
import dev.pushflow.ui.console.ConsoleView;
import dev.pushflow.ui.console.ConsoleViewModel;
import dev.pushflow.ui.devices.DevicesView;
import dev.pushflow.ui.devices.DevicesViewModel;
import dev.pushflow.ui.doctor.DoctorView;
import dev.pushflow.ui.doctor.DoctorViewModel;
import dev.pushflow.ui.load.LoadView;
import dev.pushflow.ui.load.LoadViewModel;
import dev.pushflow.ui.log.DeliveryLogView;
import dev.pushflow.ui.log.DeliveryLogViewModel;
import dev.pushflow.ui.phones.PhonesView;
import dev.pushflow.ui.phones.PhonesViewModel;
import dev.pushflow.ui.rawpush.RawPushView;
import dev.pushflow.ui.rawpush.RawPushViewModel;
import dev.pushflow.ui.scenarios.ScenariosView;
import dev.pushflow.ui.scenarios.ScenariosViewModel;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.kordamp.ikonli.feather.Feather;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every panel of the window in one place, in navigation order: its title, description, icon, shortcut (Ctrl+digit)
 * and how its view model and view are made (the AtlantaFX sampler's {@code NAV_TREE} is the model). To add a panel:
 * a constant in {@link Panel}, a line here, a {@code ui.<panel>} package with its View and ViewModel.
 */
public final class PanelRegistry {
    /** One panel: {@code viewModel} is made once per window, {@code view} when the panel is first shown. */
    public record Entry<M>(Panel panel, String title, String description, Feather icon, KeyCode shortcut,
                           Function<AppContext, M> viewModel, Function<M, Node> view) {
        @SuppressWarnings("unchecked")
        Node viewOf(Object model) {
            return view.apply((M) model);
        }
    }

    private static final List<Entry<?>> ENTRIES = List.of(
            new Entry<>(Panel.CONSOLE, "Console",
                    "Console & environment: certificate IDs and the app's certificate-ID macro",
                    Feather.KEY, KeyCode.DIGIT1, ConsoleViewModel::new, ConsoleView::new),
            new Entry<>(Panel.DEVICES, "Devices",
                    "Devices & login: simulated iPhones, registerService, setAPNS, kick-off",
                    Feather.TABLET, KeyCode.DIGIT2, DevicesViewModel::new, DevicesView::new),
            new Entry<>(Panel.COMPOSE, "Compose",
                    "Compose a message with its offlinePushInfo and preview the payload",
                    Feather.SEND, KeyCode.DIGIT3, ComposeViewModel::new, ComposeView::new),
            new Entry<>(Panel.PHONES, "Phones",
                    "Simulated phones: lock screens with the delivered notifications; tap to redirect",
                    Feather.SMARTPHONE, KeyCode.DIGIT4, PhonesViewModel::new, PhonesView::new),
            new Entry<>(Panel.LOG, "Delivery log", "Every push attempt and no-push decision, with APNs' answer",
                    Feather.LIST, KeyCode.DIGIT5, DeliveryLogViewModel::new, DeliveryLogView::new),
            new Entry<>(Panel.SCENARIOS, "Scenarios", "Play a scenario file step by step; save and open workspaces",
                    Feather.PLAY_CIRCLE, KeyCode.DIGIT6, ScenariosViewModel::new, ScenariosView::new),
            new Entry<>(Panel.RAW_PUSH, "Raw push",
                    "Send any push straight to APNs: credential, gateway, headers, several tokens; export as curl or"
                            + " .apns",
                    Feather.TERMINAL, KeyCode.DIGIT7, RawPushViewModel::new, RawPushView::new),
            new Entry<>(Panel.DOCTOR, "Doctor",
                    "Why does APNs say BadDeviceToken? A step-by-step diagnosis, with an optional probe",
                    Feather.LIFE_BUOY, KeyCode.DIGIT8, DoctorViewModel::new, DoctorView::new),
            new Entry<>(Panel.LOAD, "Load",
                    "Load run: many users messaging each other, with live charts of pushes/s, latency and outcomes",
                    Feather.ACTIVITY, KeyCode.DIGIT9, LoadViewModel::new, LoadView::new));

    private static final Map<Panel, Entry<?>> BY_PANEL = new EnumMap<>(Panel.class);

    static {
        ENTRIES.forEach(e -> BY_PANEL.put(e.panel(), e));
        if (BY_PANEL.size() != Panel.values().length) {
            throw new IllegalStateException("every Panel needs exactly one entry in PanelRegistry");
        }
    }

    private PanelRegistry() {
    }

    /** The panels in navigation order. */
    public static List<Entry<?>> all() {
        return ENTRIES;
    }

    public static Entry<?> of(Panel panel) {
        return BY_PANEL.get(Objects.requireNonNull(panel, "panel"));
    }

    /** One window's panels: each view model made once, each view on first show. */
    public static final class Instances {
        private final AppContext context;
        private final Map<Panel, Object> models = new EnumMap<>(Panel.class);

        public Instances(AppContext context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** The panel's view model, made on first use. */
        public Object viewModel(Panel panel) {
            return models.computeIfAbsent(panel, p -> of(p).viewModel().apply(context));
        }

        /** A new view of the panel, bound to its view model. */
        public Node view(Panel panel) {
            return of(panel).viewOf(viewModel(panel));
        }

        /** The window's {@code Navigator}: fills the Doctor's form (the panel is shown by the caller). */
        public void prefillDoctor(String token, Long certificateId, BuildConfiguration build) {
            ((DoctorViewModel) viewModel(Panel.DOCTOR)).prefill(token, certificateId, build);
        }
    }
}
