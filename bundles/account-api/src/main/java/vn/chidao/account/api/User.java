package vn.chidao.account.api;

import java.time.Instant;
import java.util.UUID;

/** A person's account. Accounts are deactivated, never deleted. */
public record User(UUID id, String username, String fullName, String email, String phone, String position,
                   boolean active, boolean locked, boolean totpEnabled, boolean mustChangePassword, Instant createdAt) {
}
