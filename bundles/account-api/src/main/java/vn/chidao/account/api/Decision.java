package vn.chidao.account.api;

/**
 * The outcome of approving a request or resetting a password: the one-time password is shown once,
 * to be handed to the person, and must be changed at first login.
 */
public record Decision(AccountRequest request, User user, String oneTimePassword) {
}
