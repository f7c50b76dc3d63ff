package vn.chidao.account.api;

/**
 * The outcome of a password reset or of a proposer's request for an approved account's one-time password:
 * the password is shown once, to be handed to the person, and must be changed at first login. (Approving
 * a request answers without one: the decider never learns it.)
 */
public record Decision(AccountRequest request, User user, String oneTimePassword) {
}
