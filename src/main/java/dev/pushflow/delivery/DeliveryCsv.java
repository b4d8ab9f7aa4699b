package dev.pushflow.delivery;

import java.util.List;

/** CSV export of delivery records (RFC 4180 quoting), one row per record. */
final class DeliveryCsv {
    private static final String HEADER = "seq,time,messageId,deviceId,deviceName,userID,certificateId,environment,"
            + "gateway,topic,pushType,priority,token,apnsId,apnsUniqueId,status,statusCode,reason,detail,"
            + "invalidationTimestamp,latencyMicros,payload,source,attempt,final,deliveryState";

    private DeliveryCsv() {
    }

    static String toCsv(List<DeliveryRecord> list) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (DeliveryRecord r : list) {
            Object[] cells = {r.seq(), r.time(), r.messageId(), r.deviceId(), r.deviceName(), r.userID(),
                    r.certificateId(), r.environment() == null ? null : r.environment().wireName(), r.gateway(),
                    r.topic(), r.pushType(), r.priority(), r.token(), r.apnsId(), r.apnsUniqueId(),
                    r.status() == null ? null : r.status().name(), r.statusCode(), r.reason(), r.detail(),
                    r.invalidationTimestamp(), r.latencyMicros(), r.payload(), r.source(), r.attempt(),
                    r.finalAttempt(), r.deliveryState()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(quote(cells[i]));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String quote(Object cell) {
        if (cell == null) {
            return "";
        }
        String s = cell.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
