package dev.pushflow.ui;

import dev.pushflow.engine.DefaultWorkspace;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.im.AppState;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.im.ImMessage;
import dev.pushflow.ui.shell.MainViewModel.Panel;
import dev.pushflow.ui.testsupport.AppFixture;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Renders every panel at 1280x720 (and 1920x1080, suffixed), light and dark, to assets/&lt;panel&gt;-light.png and -dark.png, after
 * driving the default workspace into a state worth showing. Run by scripts/screenshots
 * (-Dpushflow.screenshots=true); skipped in ordinary test runs.
 */
@EnabledIfSystemProperty(named = "pushflow.screenshots", matches = "true")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScreenshotsTest extends FxRobot {
    static {
        // A screen as large as the largest picture: Monocle's headless screen is 1280x800 unless told otherwise, and a
        // window larger than the screen does not render. Set before the toolkit starts (this class runs alone).
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    /** The sizes rendered; the first gets the plain names the README shows, the others a -WxH suffix. */
    private static final String SIZES = System.getProperty("pushflow.screenshots.sizes", "1280x720,1920x1080");
    private PushFlowApp app;
    private boolean composeSent;
    private final String realHome = System.getProperty("user.home");

    /**
     * A throwaway home folder with the config folder where a user's is (~/.config/pushflow), so the pictures show
     * the paths a user sees, not a temp folder's.
     */
    private Path configInThrowawayHome() throws Exception {
        Path home = Files.createTempDirectory("pushflow-home");
        System.setProperty("user.home", home.toString());
        return home.resolve(".config").resolve("pushflow");
    }

    @AfterEach
    void stop() throws Exception {
        System.setProperty("user.home", realHome);
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages(); // a test skipped by its assumption never started the toolkit
        }
    }

    @Test
    void render_every_panel_light_and_dark() throws Exception {
        app = AppFixture.start(configInThrowawayHome());
        PushFlowEngine e = app.engine();
        String debug = DefaultWorkspace.DEBUG_PHONE;
        String release = DefaultWorkspace.RELEASE_PHONE;
        e.login(debug, "alice");
        e.setAppState(debug, AppState.BACKGROUND);
        e.login(release, "carol");
        e.setAppState(release, AppState.LOCKED);
        e.send(ImMessage.text("bob", "alice", "Lunch at 12:30?")).records().get(10, TimeUnit.SECONDS);
        e.send(ImMessage.groupText("carol", DefaultWorkspace.DEMO_GROUP, "Slides for Friday are in the shared folder"))
                .records().get(10, TimeUnit.SECONDS);
        e.tap(debug, -1);
        e.setAppState(debug, AppState.BACKGROUND);
        e.send(ImMessage.text("bob", "alice", "Running 5 minutes late, order for me?")).records().get(10, TimeUnit.SECONDS);
        e.send(ImMessage.groupText("bob", DefaultWorkspace.DEMO_GROUP, "See you all at the demo"))
                .records().get(10, TimeUnit.SECONDS);
        // The Release build now points at the development certificate: carol's next push is a BadDeviceToken.
        e.setAppSettings(e.appSettings().withCertificateId(BuildConfiguration.RELEASE, DefaultWorkspace.DEVELOPMENT_ID));
        e.login(release, "carol");
        e.setAppState(release, AppState.LOCKED);
        e.send(ImMessage.text("bob", "carol", "Did the build go out?")).records().get(10, TimeUnit.SECONDS);
        e.send(ImMessage.text("carol", "alice", "Check the log in PushFlow")).records().get(10, TimeUnit.SECONDS);
        e.logout(release);
        e.send(ImMessage.text("alice", "carol", "Are you there?")).records().get(10, TimeUnit.SECONDS);
        e.login(release, "carol");
        e.setAppState(release, AppState.LOCKED);
        // The Doctor's probe reaches the Debug phone: a silent push, counted under the phone, not on its lock screen.
        e.delivery().send(e.console().find(DefaultWorkspace.DEVELOPMENT_ID).orElseThrow(),
                new dev.pushflow.delivery.PushRequest(e.device(debug).token(), e.appSettings().bundleId(),
                        dev.pushflow.apns.PushType.BACKGROUND, dev.pushflow.doctor.BadDeviceTokenDoctor.PROBE_PAYLOAD,
                        5, null, null, null)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> e.silentPushCount(debug) > 0);
        // After the 200: the Debug phone is offline, so APNs stores alice's next message ("Stored at APNs: 1").
        e.setNetwork(debug, false);
        e.send(ImMessage.text("bob", "alice", "Call me when you land")).records().get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        // -Dpushflow.screenshots.only=raw_push,doctor renders just those panels (quicker while working on one).
        java.util.List<String> only = java.util.Arrays.stream(System.getProperty("pushflow.screenshots.only", "")
                .toLowerCase(Locale.ROOT).split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        Path assets = Path.of("assets");
        Files.createDirectories(assets);
        String[] sizes = SIZES.split(",");
        for (int si = 0; si < sizes.length; si++) {
          String size = sizes[si].strip();
          String suffix = si == 0 ? "" : "-" + size;
          resize(size);
          for (boolean dark : new boolean[]{false, true}) {
            interact(() -> app.viewModel().darkProperty().set(dark));
            for (Panel p : Panel.values()) {
                if (!only.isEmpty() && !only.contains(p.name().toLowerCase(Locale.ROOT)) || p == Panel.LOAD) {
                    continue; // the Load panel has its own picture (a run would fill the log the others show)
                }
                interact(() -> app.viewModel().panelProperty().set(p));
                prepare(p);
                WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                String name = p.name().toLowerCase(Locale.ROOT) + suffix + (dark ? "-dark" : "-light") + ".png";
                WritableImage[] image = new WritableImage[1];
                interact(() -> image[0] = app.scene().snapshot(null));
                ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", assets.resolve(name).toFile());
                System.out.println("wrote assets/" + name);
            }
          }
        }
        if (only.isEmpty() || only.contains("phones")) {
            // The Phones panel on a 1280x720 screen (not in the README): the network and power toggles stay in sight.
            interact(() -> {
                app.viewModel().darkProperty().set(false);
                app.viewModel().panelProperty().set(Panel.PHONES);
                app.scene().getWindow().setHeight(720);
            });
            WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            Path small = Path.of("target", "screenshots");
            Files.createDirectories(small);
            WritableImage[] image = new WritableImage[1];
            interact(() -> image[0] = app.scene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", small.resolve("phones-light-1280x720.png").toFile());
            System.out.println("wrote target/screenshots/phones-light-1280x720.png");
        }
    }

    /**
     * The Load panel after a seeded run under APNs weather (charts with data, the summary line) at every size, light
     * and dark. Its own window, so the run's records are not in the other panels' pictures. To assets/load*.png.
     */
    @Test
    void render_the_load_panel_after_a_run_light_and_dark() throws Exception {
        String only = System.getProperty("pushflow.screenshots.only", "").toLowerCase(Locale.ROOT);
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || only.contains("load"));
        app = AppFixture.start(configInThrowawayHome());
        resize(SIZES.split(",")[0].strip());
        interact(() -> app.viewModel().panelProperty().set(Panel.LOAD));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#load-view").tryQuery().isPresent());
        var vm = lookup("#load-view").queryAs(dev.pushflow.ui.load.LoadView.class).viewModel();
        interact(() -> {
            vm.usersProperty().set("50");
            vm.messagesProperty().set("1500");
            vm.groupShareProperty().set("0.2");
            vm.rateProperty().set("100");
            vm.faultsProperty().set("429=3%,500=2%,503=1%");
            vm.start();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.summaryProperty().get() != null);
        Path assets = Path.of("assets");
        Files.createDirectories(assets);
        String[] sizes = SIZES.split(",");
        for (int si = 0; si < sizes.length; si++) {
            String suffix = si == 0 ? "" : "-" + sizes[si].strip();
            resize(sizes[si].strip());
            for (boolean dark : new boolean[]{false, true}) {
                interact(() -> app.viewModel().darkProperty().set(dark));
                WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                String name = "load" + suffix + (dark ? "-dark" : "-light") + ".png";
                WritableImage[] image = new WritableImage[1];
                interact(() -> image[0] = app.scene().snapshot(null));
                ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", assets.resolve(name).toFile());
                System.out.println("wrote assets/" + name);
            }
        }
    }

    /** Resizes the window to "WxH" (the scene follows) and waits for the layout. */
    private void resize(String size) {
        String[] wh = size.split("x");
        double w = Double.parseDouble(wh[0]);
        double h = Double.parseDouble(wh[1]);
        javafx.stage.Stage stage = (javafx.stage.Stage) app.scene().getWindow();
        interact(() -> {
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The Console after a restart whose saved workspace names a .p12 with no stored password: the banner that says
     * which certificate ID was not restored and how to fix it. To assets/console-restore-{light,dark}.png.
     */
    @Test
    void render_the_console_after_a_restart_light_and_dark(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String only = System.getProperty("pushflow.screenshots.only", "").toLowerCase(Locale.ROOT);
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || only.contains("console"));
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("PUSHFLOW_P12_PASSWORD") == null,
                "the banner shows only when the password is not in PUSHFLOW_P12_PASSWORD");
        Path p12 = dev.pushflow.credentials.OwnCertificates.p12(dir.resolve("push-production.p12"), "own-secret");
        Path config = configInThrowawayHome();
        Files.createDirectories(config);
        Files.writeString(ConfigDir.workspace(config), """
                {"console": {"certificates": [
                  {"id": 31287, "environment": "sandbox", "credential": "sample"},
                  {"id": 31288, "environment": "production", "credential": "sample"},
                  {"id": 41234, "environment": "production",
                   "credential": {"p12": "%s", "passwordEnv": "PUSHFLOW_P12_PASSWORD"}}]}}
                """.formatted(p12.toString().replace("\\", "\\\\")));
        app = AppFixture.start(config);
        resize(SIZES.split(",")[0].strip());
        Path assets = Path.of("assets");
        Files.createDirectories(assets);
        for (boolean dark : new boolean[]{false, true}) {
            interact(() -> app.viewModel().darkProperty().set(dark));
            interact(() -> app.viewModel().panelProperty().set(Panel.CONSOLE));
            WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            String name = "console-restore" + (dark ? "-dark" : "-light") + ".png";
            WritableImage[] image = new WritableImage[1];
            interact(() -> image[0] = app.scene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", assets.resolve(name).toFile());
            System.out.println("wrote assets/" + name);
        }
    }

    /**
     * The Console's APNs weather card with the flaky preset on sandbox, scrolled into sight, and the status bar's
     * "APNs weather: flaky on sandbox". To assets/console-weather-{light,dark}.png and -1920x1080-.
     */
    @Test
    void render_the_apns_weather_card_light_and_dark() throws Exception {
        String only = System.getProperty("pushflow.screenshots.only", "").toLowerCase(Locale.ROOT);
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || only.contains("console"));
        app = AppFixture.start(configInThrowawayHome());
        interact(() -> app.viewModel().panelProperty().set(Panel.CONSOLE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#weather-card").tryQuery().isPresent());
        var card = lookup("#weather-card").queryAs(dev.pushflow.ui.console.WeatherCard.class);
        interact(() -> {
            card.viewModel().presetProperty().set(dev.pushflow.gateway.WeatherPreset.FLAKY);
            card.viewModel().apply();
        });
        Path assets = Path.of("assets");
        Files.createDirectories(assets);
        String[] sizes = SIZES.split(",");
        for (int si = 0; si < sizes.length; si++) {
            String size = sizes[si].strip();
            resize(size);
            for (boolean dark : new boolean[]{false, true}) {
                interact(() -> app.viewModel().darkProperty().set(dark));
                WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
                interact(() -> lookup("#console-right").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
                WaitForAsyncUtils.waitForFxEvents();
                String name = "console-weather" + (si == 0 ? "" : "-" + size) + (dark ? "-dark" : "-light") + ".png";
                WritableImage[] image = new WritableImage[1];
                interact(() -> image[0] = app.scene().snapshot(null));
                ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", assets.resolve(name).toFile());
                System.out.println("wrote assets/" + name);
            }
        }
    }

    /** Puts a panel into a state worth a picture (a selected row, a filled form). */
    private void prepare(Panel p) {
        switch (p) {
            case LOG -> lookup("#log-table").tryQuery().ifPresent(n -> interact(() -> {
                @SuppressWarnings("unchecked")
                var table = (javafx.scene.control.TableView<dev.pushflow.delivery.DeliveryRecord>) n;
                table.getItems().stream().filter(r -> "BadDeviceToken".equals(r.reason())).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }));
            case CONSOLE -> lookup("#console-proxy").tryQuery().ifPresent(n -> interact(() -> {
                // A corporate proxy with a user: applied for the session, saved without its password.
                ((javafx.scene.control.TextField) n).setText("http://bob:s3cret@proxy.corp.example:3128");
                lookup("#console-proxy-apply").queryAs(javafx.scene.control.Button.class).fire();
                // Adding your own .p12: its password field and the (unticked) "Remember the password" opt-in.
                var vm = lookup("#console-view").queryAs(dev.pushflow.ui.console.ConsoleView.class).viewModel();
                vm.formIdProperty().set("41234");
                vm.formEnvironmentProperty().set(dev.pushflow.apns.ApnsEnvironment.PRODUCTION);
                vm.formKindProperty().set(dev.pushflow.ui.console.ConsoleViewModel.CredentialKind.P12);
                vm.formFileProperty().set("/Users/me/Certificates/push-production.p12");
                lookup("#console-p12-password").queryAs(javafx.scene.control.PasswordField.class).setText("typed");
            }));
            case RAW_PUSH -> prepareRawPush();
            case DOCTOR -> prepareDoctor();
            case SCENARIOS -> lookup(n -> n instanceof dev.pushflow.ui.scenarios.ScenariosView).tryQuery()
                    .ifPresent(n -> {
                        // Opened, not played: playing would change the world the later pictures show.
                        interact(() -> ((dev.pushflow.ui.scenarios.ScenariosView) n).viewModel()
                                .open(Path.of("scenarios", "uninstalled-app-410-unregistered.json")));
                        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
                    });
            case COMPOSE -> lookup("#compose-title").tryQuery().ifPresent(n -> {
                interact(() -> ((javafx.scene.control.TextField) n).setText("Lunch"));
                if (!composeSent) { // once: the result per device under Send
                    composeSent = true;
                    interact(() -> lookup("#send-button").queryButton().fire());
                    WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
                }
            });
            default -> {
            }
        }
    }

    /**
     * Fills the Raw push form with the sample .p8 declared as a Sandbox-only key and sends once (the dark picture
     * shows the same history): the Debug phone's sandbox token is accepted, the Release phone's production token
     * gets BadDeviceToken, and the curl export is shown.
     */
    @SuppressWarnings("unchecked")
    private void prepareRawPush() {
        var table = (javafx.scene.control.TableView<?>) lookup("#raw-results").query();
        if (!table.getItems().isEmpty()) {
            return;
        }
        String sandbox = app.engine().device(DefaultWorkspace.DEBUG_PHONE).token();
        String production = app.engine().device(DefaultWorkspace.RELEASE_PHONE).token();
        interact(() -> {
            lookup("#raw-source-file").queryAs(javafx.scene.control.ToggleButton.class).fire();
            lookup("#raw-credential-file").queryAs(javafx.scene.control.TextField.class)
                    .setText(Path.of("certs-sample", "AuthKey_" + dev.pushflow.credentials.SampleMaterial.KEY_ID
                            + ".p8").toString());
            lookup("#raw-team-id").queryAs(javafx.scene.control.TextField.class)
                    .setText(dev.pushflow.credentials.SampleMaterial.TEAM_ID);
            @SuppressWarnings("unchecked")
            var environment = (javafx.scene.control.ChoiceBox<dev.pushflow.ui.keyscope.KeyScopeViewModel.Environments>)
                    lookup("#raw-key-environment").query();
            environment.setValue(dev.pushflow.ui.keyscope.KeyScopeViewModel.Environments.SANDBOX);
        });
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#raw-credential-summary")
                    .queryAs(javafx.scene.control.Label.class).getText().contains("Sandbox only (declared)"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the sample .p8 did not load", e);
        }
        interact(() -> {
            lookup("#raw-tokens").queryAs(javafx.scene.control.TextArea.class)
                    .setText(sandbox + "\n<" + production.toUpperCase(Locale.ROOT) + ">");
            lookup("#raw-collapse-id").queryAs(javafx.scene.control.TextField.class).setText("chat-42");
            lookup("#raw-send").queryAs(javafx.scene.control.Button.class).fire();
        });
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().size() >= 2);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the raw push got no answers", e);
        }
        interact(() -> lookup("#raw-copy-curl").queryAs(javafx.scene.control.Button.class).fire());
    }

    /**
     * Runs a diagnosis worth showing: the Debug phone's (sandbox) token against the production certificate ID 31288,
     * said to be a Release build, with the probe: it finds the sandbox and says to use 31287 or build Release.
     */
    private void prepareDoctor() {
        var vm = lookup("#doctor-view").queryAs(dev.pushflow.ui.doctor.DoctorView.class).viewModel();
        var before = vm.diagnosisProperty().get();
        String token = app.engine().device(DefaultWorkspace.DEBUG_PHONE).token();
        interact(() -> {
            vm.prefill(token, DefaultWorkspace.PRODUCTION_ID, BuildConfiguration.RELEASE);
            vm.probeProperty().set(true);
            vm.diagnose();
        });
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.busyProperty().get()
                    && vm.diagnosisProperty().get() != null && vm.diagnosisProperty().get() != before);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the doctor did not answer in 30 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        // The banner already says what to act on; show the list from the probe's lines on, FAIL rows included.
        interact(() -> {
            var scroll = lookup("#doctor-findings-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            var list = lookup("#doctor-findings").queryAs(javafx.scene.layout.VBox.class);
            list.getChildren().stream().filter(n -> n.getStyleClass().contains("level-info")).findFirst()
                    .ifPresent(n -> {
                        double free = list.getHeight() - scroll.getViewportBounds().getHeight();
                        scroll.setVvalue(free <= 0 ? 0 : Math.min(1, n.getBoundsInParent().getMinY() / free));
                    });
        });
    }

    /**
     * The Devices panel with a Debug iPhone whose token request failed (the seed's token FAQ): the Token column, the
     * error and the remedies. To assets/devices-token-{light,dark}.png.
     */
    @Test
    void render_the_devices_panel_with_a_token_that_never_came_light_and_dark() throws Exception {
        String only = System.getProperty("pushflow.screenshots.only", "").toLowerCase(Locale.ROOT);
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || only.contains("devices"));
        app = AppFixture.start(configInThrowawayHome());
        PushFlowEngine e = app.engine();
        e.addDevice("iphone-dev2", "iPhone 13 · Debug build", BuildConfiguration.DEBUG,
                dev.pushflow.engine.TokenRegistration.FAILS);
        e.login("iphone-dev2", "alice");
        e.setAppState("iphone-dev2", AppState.BACKGROUND);
        e.send(ImMessage.text("bob", "alice", "Lunch at 12:30?")).records().get(10, TimeUnit.SECONDS);
        interact(() -> app.viewModel().panelProperty().set(Panel.DEVICES));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.pushflow.engine.DeviceSnapshot> table =
                lookup("#device-table").queryAs(javafx.scene.control.TableView.class);
        interact(() -> table.getSelectionModel().select(table.getItems().size() - 1));
        Path assets = Path.of("assets");
        Files.createDirectories(assets);
        for (boolean dark : new boolean[]{false, true}) {
            interact(() -> app.viewModel().darkProperty().set(dark));
            WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            String name = "devices-token" + (dark ? "-dark" : "-light") + ".png";
            WritableImage[] image = new WritableImage[1];
            interact(() -> image[0] = app.scene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", assets.resolve(name).toFile());
            System.out.println("wrote assets/" + name);
        }
    }
}
