package com.bazaar.identity.account;

import com.bazaar.platform.web.Blocking;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code me} over RSocket: lets the app check, right after connecting, which account the connection runs as. */
@Controller
class MeRSocketController {

    private final AccountService accounts;

    MeRSocketController(AccountService accounts) {
        this.accounts = accounts;
    }

    @MessageMapping("me")
    Mono<MeController.Me> me(@AuthenticationPrincipal Jwt token) {
        return Blocking.call(() -> MeController.Me.of(accounts.get(token.getSubject())));
    }
}
