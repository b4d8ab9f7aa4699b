package dev.pushflow.gateway;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one gateway, for tests and diagnostics: what reached the request handlers, what is held now. */
final class GatewayStats {
    /** Request body bytes the connection handlers were given (after the limit, bytes are dropped by Netty unread). */
    final LongAdder bodyBytesRead = new LongAdder();
    /** Request body bytes held right now for bodies still arriving (each at most its limit). */
    final LongAdder bufferedBytes = new LongAdder();
    /** Client misbehaviour lines logged. */
    final LongAdder troubles = new LongAdder();
}
