package vn.chidao.account.api;

/** What a new account (or a profile update) takes. */
public record UserDraft(String username, String fullName, String email, String phone, String position) {
}
