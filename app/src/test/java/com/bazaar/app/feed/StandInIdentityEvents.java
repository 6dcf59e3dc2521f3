package com.bazaar.app.feed;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.identity.AccountRegistered;
import com.bazaar.contracts.identity.DisplayNameChanged;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * TEMPORARY stand-in for identity publishing {@code AccountRegistered} and {@code DisplayNameChanged}, which is being
 * wired in parallel: the tests publish the events identity will publish itself on sign-up and on
 * {@code PATCH /api/v1/me}. Delete the calls to this class once identity publishes them.
 */
final class StandInIdentityEvents {

    private StandInIdentityEvents() {
    }

    static void registered(RunningBazaar bazaar, RunningBazaar.User user, String displayName) {
        bazaar.bean(EventGateway.class).publish(new AccountRegistered(user.id(), displayName));
    }

    static void renamed(RunningBazaar bazaar, RunningBazaar.User user, String displayName) {
        bazaar.bean(EventGateway.class).publish(new DisplayNameChanged(user.id(), displayName));
    }
}
