package dev.pushflow.im;

import java.util.List;
import java.util.Map;

/** A group: its members get a group message as offline push, all but the sender. */
public record ImGroup(String groupID, String name, List<String> members, Map<String, String> nameCards) {
    public ImGroup {
        if (groupID == null || groupID.isBlank()) {
            throw new IllegalArgumentException("a group needs a groupID, like @TGS#demo");
        }
        name = name == null ? "" : name;
        members = List.copyOf(members == null ? List.of() : members);
        nameCards = Map.copyOf(nameCards == null ? Map.of() : nameCards);
    }

    public ImGroup(String groupID, String name, List<String> members) {
        this(groupID, name, members, Map.of());
    }
}
