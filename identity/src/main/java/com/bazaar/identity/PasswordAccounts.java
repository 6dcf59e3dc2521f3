package com.bazaar.identity;

/**
 * What identity publishes for creating password accounts from inside the application (the demo seeder), so callers
 * outside the module need none of its internals (accounts, hashing, token issuance). The same rules as the sign-up
 * endpoint apply, without its per-IP rate limit.
 */
public interface PasswordAccounts {

    /** The new account's id and a signed-in access token for it. */
    record SignedUp(String accountId, String accessToken) {}

    /**
     * Creates the account and signs it in.
     *
     * @throws com.bazaar.contracts.common.DomainException with {@code EMAIL_TAKEN} if the email has an account
     * @throws com.bazaar.contracts.common.InvalidInputException if the password breaks the password policy
     */
    SignedUp signUp(String email, String password, String displayName);
}
