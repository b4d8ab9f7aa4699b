package dev.pushflow.ui;

import dev.pushflow.im.BuildConfiguration;

/**
 * Takes the user to another panel on their behalf, with that panel filled in: a log row's "Open in Doctor". The
 * window implements it; view models only call it, so they are tested with a recording navigator.
 */
@FunctionalInterface
public interface Navigator {

    /**
     * Shows the Doctor panel with its form filled, as {@code DoctorViewModel.prefill} does.
     *
     * @param certificateId the certificate ID the push was sent with; null leaves the choice as it is
     * @param build         the build configuration of the app that reported the token; null = unknown
     */
    void openDoctor(String token, Long certificateId, BuildConfiguration build);

    /** Goes nowhere: contexts without a window (view-model tests, tools). */
    Navigator NONE = (token, certificateId, build) -> {
    };
}
