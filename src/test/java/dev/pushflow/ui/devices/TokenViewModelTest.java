package dev.pushflow.ui.devices;

import dev.pushflow.engine.FlakyRegistration;
import dev.pushflow.engine.TokenRegistration;
import dev.pushflow.engine.TokenRemedy;
import dev.pushflow.engine.TokenState;
import dev.pushflow.ui.AppContext;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Devices panel's token card without a toolkit: adding with a token choice, remedies, the flaky setting. */
class TokenViewModelTest {
    private final AppContext ctx = Contexts.offline();
    private final DevicesViewModel vm = new DevicesViewModel(ctx);
    private final TokenViewModel tokens = vm.tokens();

    private void addAndSelect(String id, TokenRegistration registration) {
        vm.newIdProperty().set(id);
        tokens.newDeviceRegistrationProperty().set(registration);
        vm.addDevice();
        vm.select(id);
    }

    @Test
    void a_device_added_with_no_answer_shows_none_yet_and_a_remedy_brings_the_token() {
        addAndSelect("dev", TokenRegistration.NO_ANSWER);
        assertEquals(TokenState.NONE_YET, vm.selectedProperty().get().tokenStatus().state());
        assertEquals("none yet", TokenViewModel.column(vm.selectedProperty().get()));
        assertTrue(TokenViewModel.needsRemedy(vm.selectedProperty().get()));
        assertTrue(TokenViewModel.describe(vm.selectedProperty().get()).startsWith("No token yet"));

        tokens.applyRemedy(TokenRemedy.RESTART_PHONE);
        assertEquals("Restart the phone: token registered", tokens.messageProperty().get());
        assertFalse(tokens.errorProperty().get());
        assertEquals("registered", TokenViewModel.column(vm.selectedProperty().get()));
        assertFalse(TokenViewModel.needsRemedy(vm.selectedProperty().get()));
    }

    @Test
    void the_flaky_setting_is_read_as_a_percentage_and_a_seed() {
        tokens.flakyPercentProperty().set("30");
        tokens.flakySeedProperty().set("7");
        tokens.applyFlaky();
        assertEquals(FlakyRegistration.debugOnly(0.3, 7), ctx.engine().flakyRegistration());
        assertEquals("Flaky development registration: 30% of Debug token requests fail (seed 7)",
                tokens.messageProperty().get());

        tokens.flakySeedProperty().set("seven");
        tokens.applyFlaky();
        assertEquals("The seed is a whole number, like 42", tokens.messageProperty().get());
        assertTrue(tokens.errorProperty().get());
        assertEquals(FlakyRegistration.debugOnly(0.3, 7), ctx.engine().flakyRegistration(), "unchanged");
    }

    @Test
    void a_remedy_on_a_real_device_says_why_not() {
        vm.newIdProperty().set("mine");
        vm.newTokenProperty().set("ab".repeat(32));
        vm.addDevice();
        vm.select("mine");
        assertEquals("pasted", TokenViewModel.column(vm.selectedProperty().get()));
        tokens.applyRemedy(TokenRemedy.RETRY);
        assertTrue(tokens.errorProperty().get());
        assertTrue(tokens.messageProperty().get().contains("is a real device"), tokens.messageProperty().get());
    }
}
