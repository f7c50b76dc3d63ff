package vn.chidao.account.api;

import java.util.List;
import java.util.UUID;

import vn.chidao.platform.api.Caller;

/** Changes to the tree: system administrators only; each change is journaled. */
public interface AgencyAdministration {

    Agency create(Caller caller, AgencyDraft draft);

    /** Renames (code, names, organ id); the level and parent stay. */
    Agency update(Caller caller, UUID id, AgencyDraft draft);

    Agency move(Caller caller, UUID id, UUID newParentId);

    /**
     * Merges the sources into an existing agency ({@code targetId}) or into a new one ({@code into}):
     * the sources end today and point at it, their sub-agencies move under it and their people's
     * current grants continue there. History stays readable under the old names.
     */
    Agency merge(Caller caller, List<UUID> sources, UUID targetId, AgencyDraft into);

    /**
     * Splits one agency (without sub-agencies) into new ones; it ends today and points at them.
     * Grants are re-made by hand: only people know who goes where.
     */
    List<Agency> split(Caller caller, UUID source, List<AgencyDraft> parts);

    Level addLevel(Caller caller, Level level);
}
