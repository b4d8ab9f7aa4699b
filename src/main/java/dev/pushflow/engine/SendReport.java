package dev.pushflow.engine;

import dev.pushflow.delivery.DeliveryRecord;
import dev.pushflow.im.ImMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What sending a message did: the decisions made at once, and a future that completes with every
 * record (no-push decisions and APNs answers) once each push is answered and, when accepted by an
 * embedded gateway, has reached its simulated iPhone.
 */
public record SendReport(ImMessage message, List<PlannedDelivery> plan, CompletableFuture<List<DeliveryRecord>> records) {
}
