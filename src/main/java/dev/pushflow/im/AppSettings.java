package dev.pushflow.im;

import java.util.EnumMap;
import java.util.Map;

/**
 * The app's build settings that matter for push: bundle ID, display name, and the certificate ID that
 * the TUIOfflinePushCertificateIDForAPNS macro gives per build configuration (0 = macro absent).
 */
public record AppSettings(String bundleId, String appName, Map<BuildConfiguration, Long> certificateIds) {
    public AppSettings {
        if (bundleId == null || bundleId.isBlank()) {
            throw new IllegalArgumentException("the app needs a bundle ID, like com.example.chat");
        }
        appName = appName == null || appName.isBlank() ? "Chat" : appName;
        Map<BuildConfiguration, Long> copy = new EnumMap<>(BuildConfiguration.class);
        for (BuildConfiguration b : BuildConfiguration.values()) {
            Long id = certificateIds == null ? null : certificateIds.get(b);
            if (id != null && id < 0) {
                throw new IllegalArgumentException("certificate ID for " + b.displayName() + " must be 0 (absent) or positive");
            }
            copy.put(b, id == null ? 0L : id);
        }
        certificateIds = Map.copyOf(copy);
    }

    /** The seed's AppDelegate: Debug -> 31287 (development), Release -> 31288 (production). */
    public static AppSettings defaults() {
        return new AppSettings("com.example.chat", "Chat",
                Map.of(BuildConfiguration.DEBUG, 31287L, BuildConfiguration.RELEASE, 31288L));
    }

    /** The businessID the component reports for this build; 0 when the app defines no macro. */
    public long certificateIdFor(BuildConfiguration build) {
        return certificateIds.getOrDefault(build, 0L);
    }

    public AppSettings withCertificateId(BuildConfiguration build, long id) {
        Map<BuildConfiguration, Long> copy = new EnumMap<>(certificateIds);
        copy.put(build, id);
        return new AppSettings(bundleId, appName, copy);
    }
}
