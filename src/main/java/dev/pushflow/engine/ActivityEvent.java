package dev.pushflow.engine;

import java.time.Instant;

/** Something the component or the backend did that a tester wants to see: registerService, kick-off, ... */
public record ActivityEvent(Instant time, String deviceId, Kind kind, String text) {
    public enum Kind { LOGIN, LOGOUT, REGISTER_SERVICE, UNREGISTER_SERVICE, SET_APNS, KICK_OFF, APP_STATE, INSTALL, TAP, WARNING, INFO }
}
