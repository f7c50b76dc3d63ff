package vn.chidao.account.api;

import java.util.UUID;

/** What creating or renaming an agency takes. */
public record AgencyDraft(String code, String name, String shortName, String level, UUID parentId, String organId) {
}
