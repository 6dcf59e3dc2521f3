package com.bazaar.contracts.chat;

/** The answer to a send: the message's id and the sender's cursor just after it. */
public record SentChatMessage(String id, String cursor) {}
