package vn.chidao.account.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Page;

/**
 * People, grants, account requests and alerts. Agency administrators and leaders see the people of
 * their own agency; system administrators see everyone. Anything else answers as if it did not exist.
 */
public interface Accounts {

    Page<User> users(Caller caller, UUID agencyId, String query, int page, int size);

    Optional<User> user(Caller caller, UUID userId);

    Optional<User> byUsername(Caller caller, String username);

    /** Direct creation, for system administrators; agency administrators go through requests. */
    Decision create(Caller caller, UserDraft draft, List<GrantDraft> grants);

    User updateProfile(Caller caller, UUID userId, UserDraft draft);

    User lock(Caller caller, UUID userId, String reason);

    User unlock(Caller caller, UUID userId);

    Decision resetPassword(Caller caller, UUID userId);

    List<Grant> grants(Caller caller, UUID userId);

    Grant grant(Caller caller, GrantDraft draft);

    Grant revoke(Caller caller, UUID grantId, String reason);

    AccountRequest propose(Caller caller, RequestDraft draft);

    Page<AccountRequest> requests(Caller caller, String status, int page, int size);

    /** Approves; a new account's one-time password is not in the answer: its proposer asks for it. */
    Decision approve(Caller caller, UUID requestId, String note);

    /** The one-time password of an account made by an approved request, once, for the administrator who proposed it. */
    Decision issueOneTimePassword(Caller caller, UUID requestId);

    AccountRequest reject(Caller caller, UUID requestId, String note);

    Page<Alert> alerts(Caller caller, boolean openOnly, int page, int size);

    Alert acknowledge(Caller caller, UUID alertId);
}
