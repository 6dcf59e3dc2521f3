package com.bazaar.identity.admin;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.identity.Role;
import com.bazaar.identity.account.Account;
import com.bazaar.identity.account.Accounts;
import com.bazaar.identity.audit.SecurityAuditLog;
import com.bazaar.identity.audit.SecurityAuditLog.Action;
import com.bazaar.identity.audit.SecurityAuditLog.Entry;
import com.bazaar.identity.security.ClientIp;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Accounts as admins and support see them. The security chain admits only ADMIN/SUPPORT; role changes need ADMIN. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersController {

    record UserView(
            String id, String email, String displayName, List<Role> roles, boolean appleLinked, Instant memberSince) {

        static UserView of(Account account) {
            return new UserView(
                    account.id(),
                    account.email(),
                    account.displayName(),
                    account.roles().stream().sorted().toList(),
                    account.appleSubject() != null,
                    account.createdAt());
        }
    }

    record RolesRequest(@NotNull Set<Role> roles) {}

    private final Accounts accounts;
    private final SecurityAuditLog audit;

    AdminUsersController(Accounts accounts, SecurityAuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/{userId}")
    Mono<UserView> user(@PathVariable String userId) {
        return Blocking.call(() -> UserView.of(find(userId)));
    }

    /** Replaces the roles (everyone stays a SHOPPER). Takes effect at the user's next token refresh. */
    @PutMapping("/{userId}/roles")
    Mono<UserView> replaceRoles(
            @PathVariable String userId, @Valid @RequestBody RolesRequest request, ServerWebExchange exchange) {
        String ip = ClientIp.of(exchange);
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> {
                    Account before = find(userId);
                    Set<Role> roles = EnumSet.of(Role.SHOPPER);
                    roles.addAll(request.roles());
                    Account after = accounts.replaceRoles(userId, roles).orElseThrow();
                    audit.record(
                            Action.ROLES_CHANGED,
                            userId,
                            metadata.userId(),
                            ip,
                            metadata.requestId(),
                            Map.of(
                                    "before",
                                    before.roles().stream().sorted().toList(),
                                    "after",
                                    after.roles().stream().sorted().toList()));
                    return UserView.of(after);
                }));
    }

    /** The account's security audit entries, newest first; 404 for an id that names no account, as above. */
    @GetMapping("/{userId}/security-audit")
    Mono<List<Entry>> securityAudit(
            @PathVariable String userId, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return Blocking.call(() -> {
            find(userId);
            return audit.forSubject(userId, limit);
        });
    }

    private Account find(String userId) {
        return accounts.byId(userId)
                .orElseThrow(() -> new DomainException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account."));
    }
}
