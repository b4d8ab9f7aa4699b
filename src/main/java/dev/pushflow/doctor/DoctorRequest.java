package dev.pushflow.doctor;

import dev.pushflow.apns.PushType;
import dev.pushflow.im.AppSettings;
import dev.pushflow.im.BuildConfiguration;
import dev.pushflow.rawsend.RawTarget;

/**
 * What the doctor is asked about. Either {@code certificateId} (looked up in the console: credential, environment,
 * bundle ID, gateway) or {@code credential} + {@code target} must be given.
 *
 * @param token         the device token as pasted
 * @param certificateId the console certificate ID the push is sent with; null when a credential is given
 * @param credential    the credential, when no certificate ID is given
 * @param target        gateway and environment the credential pushes to, when no certificate ID is given
 * @param build         the Xcode build configuration of the app that reported the token; null = unknown
 * @param app           bundle ID and certificate-ID macros of the app; null = use the console's bundle ID
 * @param bundleId      overrides the bundle ID; null = from the certificate ID, the app, or the certificate
 * @param pushType      the push type to check topics for (default alert)
 * @param probe         the user's consent to send one silent push to each environment
 */
public record DoctorRequest(String token, Long certificateId, CredentialInput credential, RawTarget target,
                            BuildConfiguration build, AppSettings app, String bundleId, PushType pushType,
                            boolean probe) {
    public DoctorRequest {
        pushType = pushType == null ? PushType.ALERT : pushType;
    }

    public static DoctorRequest forCertificateId(String token, long certificateId, BuildConfiguration build,
                                                 AppSettings app, boolean probe) {
        return new DoctorRequest(token, certificateId, null, null, build, app, null, null, probe);
    }

    public static DoctorRequest forCredential(String token, CredentialInput credential, RawTarget target,
                                              BuildConfiguration build, AppSettings app, String bundleId,
                                              boolean probe) {
        return new DoctorRequest(token, null, credential, target, build, app, bundleId, null, probe);
    }
}
