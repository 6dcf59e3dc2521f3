package com.bazaar.identity.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.bazaar.contracts.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final String EMAIL = "anna.berlin@example.com";

    @Test
    void aCommonPasswordIsRejectedAndTheReasonSaysSo() {
        InvalidInputException rejected = reject("password123");
        assertThat(rejected.getMessage()).contains("too easy to guess").containsIgnoringCase("common password");
    }

    @Test
    void aWeakPatternIsRejectedWithAdvice() {
        // None of these is on a short list of common passwords; each is a pattern zxcvbn recognises.
        assertThat(reject("abcdefghijkl").getMessage()).contains("Sequences");
        assertThat(reject("zxcvbnmasdf").getMessage()).contains("too easy to guess");
        assertThat(reject("abcabcabcabc").getMessage()).contains("Repeats");
        assertThat(reject("anna.berlin2024").getMessage()).contains("too easy to guess");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zebra quantum lantern", "a long passphrase", "correcthorsebatterystaple"})
    void aStrongPassphraseIsAccepted(String passphrase) {
        assertThatCode(() -> PasswordPolicy.check(passphrase, EMAIL)).doesNotThrowAnyException();
    }

    @Test
    void lengthAndTheEmailStillHaveTheirOwnReasons() {
        assertThat(reject("short").getMessage()).contains("between 10 and 128");
        assertThat(reject("anna.berlin").getMessage()).contains("email");
    }

    private static InvalidInputException reject(String password) {
        InvalidInputException rejected =
                catchThrowableOfType(() -> PasswordPolicy.check(password, EMAIL), InvalidInputException.class);
        assertThat(rejected).as(password).isNotNull();
        assertThat(rejected.field()).isEqualTo("password");
        return rejected;
    }
}
