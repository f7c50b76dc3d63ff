package vn.chidao.account.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The agency tree as every module reads it (names for registers, recipients for dispatch). Agency
 * names and codes are public inside the system; what agencies hold is not.
 */
public interface AgencyDirectory {

    Optional<Agency> find(UUID id);

    /** Agencies in tree order (parents before children); ended ones only when asked. */
    List<Agency> list(boolean includeEnded);

    List<Level> levels();
}
