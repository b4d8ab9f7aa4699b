package dev.pushflow.ui.console;

import dev.pushflow.gateway.EmbeddedGateways;
import dev.pushflow.gateway.WeatherPreset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weather card's rules without a window: presets fill the spec, the spec names its preset, checks, apply/clear. */
class WeatherViewModelTest {
    private static EmbeddedGateways gateways;

    @BeforeAll
    static void start() {
        gateways = EmbeddedGateways.startDefault();
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    @Test
    void aPresetFillsTheSpecAndASpecNamesItsPreset() {
        WeatherViewModel vm = new WeatherViewModel(Optional.of(gateways));
        vm.presetProperty().set(WeatherPreset.FLAKY);
        assertEquals("429=3%,500=1%,503=1%,reset=0.5%", vm.specProperty().get());
        vm.specProperty().set("latency = 400~200");
        assertEquals(WeatherPreset.SLOW, vm.presetProperty().get());
        vm.specProperty().set("429=10%");
        assertNull(vm.presetProperty().get(), "a spec of one's own selects no preset");
        vm.specProperty().set("");
        assertEquals(WeatherPreset.CLEAR, vm.presetProperty().get());
    }

    @Test
    void badSpecsAndSeedsAreNamedAndNotApplied() {
        WeatherViewModel vm = new WeatherViewModel(Optional.of(gateways));
        vm.specProperty().set("503=80%,429=30%");
        assertTrue(vm.specProblemProperty().get().contains("more than 100%"), vm.specProblemProperty().get());
        assertFalse(vm.canApplyProperty().get());
        vm.specProperty().set("503=1%");
        vm.seedProperty().set("one");
        assertEquals("the seed is a whole number, e.g. 1", vm.specProblemProperty().get());
        vm.apply();
        assertTrue(vm.errorProperty().get());
        assertTrue(gateways.sandbox().weather().isClear());
        WeatherViewModel none = new WeatherViewModel(Optional.empty());
        assertFalse(none.canApplyProperty().get(), "no embedded gateways, nothing to apply to");
    }

    @Test
    void applyPutsItOnTheChosenGatewaysAndClearOnNone() {
        WeatherViewModel vm = new WeatherViewModel(Optional.of(gateways));
        vm.presetProperty().set(WeatherPreset.OUTAGE);
        vm.targetProperty().set(WeatherViewModel.Target.PRODUCTION);
        vm.seedProperty().set("42");
        vm.apply();
        assertEquals("503=100%", gateways.production().weather().toString());
        assertEquals(42, gateways.production().weatherSeed());
        assertTrue(gateways.sandbox().weather().isClear());
        assertEquals("In force: outage on production", vm.inForceProperty().get());
        assertEquals("APNs weather: outage on production", WeatherViewModel.statusText(gateways));
        vm.targetProperty().set(WeatherViewModel.Target.SANDBOX);
        vm.presetProperty().set(WeatherPreset.SLOW);
        vm.apply();
        assertEquals("APNs weather: slow on sandbox · outage on production", WeatherViewModel.statusText(gateways));
        vm.clear();
        assertEquals("", WeatherViewModel.statusText(gateways));
        assertFalse(vm.activeProperty().get());
        assertEquals(WeatherPreset.CLEAR, vm.presetProperty().get());
    }
}
