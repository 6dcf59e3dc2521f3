package com.bazaar.identity.account;

import com.bazaar.identity.PasswordAccounts;
import com.bazaar.identity.token.Tokens;
import org.springframework.stereotype.Component;

/** {@link PasswordAccounts} for callers inside the application: sign-up and sign-in as the endpoint does them. */
@Component
class LocalSignUps implements PasswordAccounts {

    private final AccountService accounts;
    private final Tokens tokens;

    LocalSignUps(AccountService accounts, Tokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Override
    public SignedUp signUp(String email, String password, String displayName) {
        Account account = accounts.signUp(email, password, displayName);
        return new SignedUp(account.id(), tokens.signIn(account).accessToken());
    }
}
