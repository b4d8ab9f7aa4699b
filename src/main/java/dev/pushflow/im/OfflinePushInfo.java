package dev.pushflow.im;

/**
 * The sender's offlinePushInfo of a message (V2TIMOfflinePushInfo). Null fields mean "not set".
 * iOSPushType: 0 = APNs alert, 1 = VoIP (PushKit).
 */
public record OfflinePushInfo(String title, String desc, String ext, boolean disablePush, String iOSSound,
                              boolean ignoreIOSBadge, int iOSPushType, String iOSImage) {
    public static final String NO_SOUND = "push.no_sound";
    public static final OfflinePushInfo NONE = new OfflinePushInfo(null, null, null, false, null, false, 0, null);

    public OfflinePushInfo {
        if (iOSPushType != 0 && iOSPushType != 1) {
            throw new IllegalArgumentException("iOSPushType is 0 (APNs) or 1 (VoIP), not " + iOSPushType);
        }
    }

    public boolean isVoip() {
        return iOSPushType == 1;
    }

    public OfflinePushInfo withTitle(String v) {
        return new OfflinePushInfo(v, desc, ext, disablePush, iOSSound, ignoreIOSBadge, iOSPushType, iOSImage);
    }

    public OfflinePushInfo withDesc(String v) {
        return new OfflinePushInfo(title, v, ext, disablePush, iOSSound, ignoreIOSBadge, iOSPushType, iOSImage);
    }

    public OfflinePushInfo withExt(String v) {
        return new OfflinePushInfo(title, desc, v, disablePush, iOSSound, ignoreIOSBadge, iOSPushType, iOSImage);
    }

    public OfflinePushInfo withDisablePush(boolean v) {
        return new OfflinePushInfo(title, desc, ext, v, iOSSound, ignoreIOSBadge, iOSPushType, iOSImage);
    }

    public OfflinePushInfo withIOSSound(String v) {
        return new OfflinePushInfo(title, desc, ext, disablePush, v, ignoreIOSBadge, iOSPushType, iOSImage);
    }

    public OfflinePushInfo withIgnoreIOSBadge(boolean v) {
        return new OfflinePushInfo(title, desc, ext, disablePush, iOSSound, v, iOSPushType, iOSImage);
    }

    public OfflinePushInfo withIOSPushType(int v) {
        return new OfflinePushInfo(title, desc, ext, disablePush, iOSSound, ignoreIOSBadge, v, iOSImage);
    }

    public OfflinePushInfo withIOSImage(String v) {
        return new OfflinePushInfo(title, desc, ext, disablePush, iOSSound, ignoreIOSBadge, iOSPushType, v);
    }
}
