package com.bazaar.identity.account;

import com.bazaar.contracts.identity.Role;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me")
class MeController {

    record Me(String id, String email, String displayName, List<Role> roles, Instant memberSince) {

        static Me of(Account account) {
            return new Me(
                    account.id(),
                    account.email(),
                    account.displayName(),
                    account.roles().stream()
                            .sorted(Comparator.comparing(Role::name))
                            .toList(),
                    account.createdAt());
        }
    }

    record UpdateMe(@NotBlank @Size(max = 60) String displayName) {}

    private final AccountService accounts;

    MeController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    Mono<Me> me() {
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> Me.of(accounts.get(metadata.userId()))));
    }

    @PatchMapping
    Mono<Me> update(@Valid @RequestBody UpdateMe request) {
        return RequestMetadata.current()
                .flatMap(metadata ->
                        Blocking.call(() -> Me.of(accounts.rename(metadata.userId(), request.displayName()))));
    }
}
