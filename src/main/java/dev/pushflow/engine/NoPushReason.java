package dev.pushflow.engine;

/** Why the backend did not push a message to a device. Codes are stable: scenario files match on them. */
public enum NoPushReason {
    ONLINE("online", "app in the foreground: delivered over the IM connection, no push needed"),
    LOGGED_OUT("logged-out", "user logged out: unregisterService ran and the backend unbound the token"),
    KICKED_OFF("kicked-off", "kicked off by a login on another device: this device is offline and gets no offline push"),
    TOKEN_UNREGISTERED("token-unregistered", "APNs answered 410 Unregistered for this device's token, so the backend"
            + " dropped it (as real backends do): the app reports a new token when it registers again"),
    NO_TOKEN("no-token", "registerService ran, but iOS never handed the app a device token (APNs' token request"
            + " failed or went unanswered, as it can in the development environment): setAPNS reported no token, so the"
            + " backend has nothing to push to"),
    PUSH_DISABLED("push-disabled", "offline push is turned off on this device (the app told the IM backend to forget its token)"),
    DISABLE_PUSH("disable-push", "the message set offlinePushInfo.disablePush"),
    CUSTOM_WITHOUT_DESC("custom-without-desc", "a custom message is pushed only when offlinePushInfo.desc is set"),
    NO_CERTIFICATE_ID("no-certificate-id", "the app reported certificate ID 0: the TUIOfflinePushCertificateIDForAPNS macro is absent for this build"),
    UNKNOWN_CERTIFICATE_ID("unknown-certificate-id", "the reported certificate ID is not in the console"),
    NO_DEVICE("no-device", "the recipient has no device that ever logged in");

    private final String code;
    private final String explanation;

    NoPushReason(String code, String explanation) {
        this.code = code;
        this.explanation = explanation;
    }

    public String code() {
        return code;
    }

    public String explanation() {
        return explanation;
    }
}
