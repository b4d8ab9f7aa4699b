package dev.pushflow.im;

/** An IM account. The nickname prefixes one-to-one alert texts; faceUrl goes into the chat UI's entity. */
public record ImUser(String userID, String nickname, String faceUrl) {
    public ImUser {
        if (userID == null || userID.isBlank()) {
            throw new IllegalArgumentException("a user needs a userID");
        }
        nickname = nickname == null ? "" : nickname;
        faceUrl = faceUrl == null ? "" : faceUrl;
    }

    public static ImUser of(String userID) {
        return new ImUser(userID, capitalize(userID), "");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
