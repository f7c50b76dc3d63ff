package vn.chidao.account.rest;

import java.util.List;
import java.util.UUID;

import vn.chidao.account.api.AgencyDraft;
import vn.chidao.account.api.GrantDraft;
import vn.chidao.account.api.UserDraft;
import vn.chidao.platform.api.rest.Check;

/** Request bodies of the account API. */
final class Forms {

    private Forms() {
    }

    record Login(String username, String password, String otp) {
    }

    record Refresh(String refreshToken) {
    }

    record PasswordChange(String oldPassword, String newPassword) {
    }

    record Code(String code) {
    }

    record AgencyChoice(UUID agencyId) {
    }

    record Move(UUID parentId) {
    }

    record Merge(List<UUID> sources, UUID targetId, AgencyDraft into) {
    }

    record Split(List<AgencyDraft> parts) {
    }

    record NewUser(UserDraft user, List<GrantDraft> grants) {
    }

    record Reason(String reason) {
    }

    record Note(String note) {
    }

    static <T> T required(T body) {
        return Check.body(body);
    }

    /** Optional bodies (reason, note) may be absent. */
    static String reason(Reason r) {
        return r == null ? null : r.reason();
    }

    static String note(Note n) {
        return n == null ? null : n.note();
    }

    static int number(String value, String name) {
        return Check.integer(value, name);
    }
}
