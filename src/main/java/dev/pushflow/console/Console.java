package dev.pushflow.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The IM console's certificate IDs, as the backend looks them up when it pushes. Thread-safe. */
public final class Console {
    private final Map<Long, CertificateEntry> entries = new ConcurrentHashMap<>();

    public void put(CertificateEntry entry) {
        entries.put(entry.certificateId(), entry);
    }

    public boolean remove(long certificateId) {
        return entries.remove(certificateId) != null;
    }

    public Optional<CertificateEntry> find(long certificateId) {
        return Optional.ofNullable(entries.get(certificateId));
    }

    public List<CertificateEntry> all() {
        List<CertificateEntry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparingLong(CertificateEntry::certificateId));
        return list;
    }

    public void clear() {
        entries.clear();
    }
}
