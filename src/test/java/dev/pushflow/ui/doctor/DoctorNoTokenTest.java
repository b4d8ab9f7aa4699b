package dev.pushflow.ui.doctor;

import dev.pushflow.engine.Engines;
import dev.pushflow.engine.PushFlowEngine;
import dev.pushflow.engine.TokenRegistration;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.ui.testsupport.Contexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's token FAQ in the Doctor: a simulated iPhone whose token never came has nothing to diagnose. */
class DoctorNoTokenTest {
    private final PushFlowEngine engine = Engines.startDefault();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void filling_from_an_iphone_without_a_token_says_it_never_reported_one() {
        engine.addDevice("dev", "Dev iPhone", BuildConfiguration.DEBUG, TokenRegistration.NO_ANSWER);
        DoctorViewModel vm = new DoctorViewModel(Contexts.wrap(engine));
        vm.usePhone(new DoctorViewModel.Phone("dev", "Dev iPhone", BuildConfiguration.DEBUG));
        assertEquals("", vm.tokenProperty().get());
        assertTrue(vm.filledFromProperty().get().contains("no token yet"), vm.filledFromProperty().get());
        String message = vm.messageProperty().get();
        assertTrue(message.startsWith("Dev iPhone: this device never reported a token (token none yet (1 request,"),
                message);
        assertTrue(message.contains("no-token") && message.contains("cellular (4G)"), message);
    }
}
