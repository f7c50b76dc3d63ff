package vn.chidao.account.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An agency (cơ quan). {@code code} is the notation used in document numbers (TU, VPTU, HU, ĐU) and
 * need not be unique: every commune committee is ĐU. Merged or split agencies keep their id, name
 * and history; they end ({@code activeTo}) and point at their successors.
 */
public record Agency(UUID id, String code, String name, String shortName, String level, UUID parentId,
                     String organId, LocalDate activeFrom, LocalDate activeTo, List<UUID> predecessors,
                     List<UUID> successors) {

    public Agency {
        predecessors = List.copyOf(predecessors);
        successors = List.copyOf(successors);
    }

    public boolean active() {
        return activeTo == null;
    }
}
