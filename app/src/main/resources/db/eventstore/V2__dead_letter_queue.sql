-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue) for the processors that have one
-- (axon.eventhandling.processors.NAME.dlq.enabled; docs/OPERATIONS.md, "Handle a dead letter"). Names are Axon 4's
-- defaults (DeadLetterSchema), unquoted like Axon's own SQL; types follow GenericDeadLetterTableFactory with bytea for
-- its BLOBs. Timestamps are ISO-8601 text, as Axon writes them.
CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pkey PRIMARY KEY (deadletteridentifier),
    -- The order of the letters within one sequence (an aggregate's events) of one processor; its leading columns
    -- also serve the queries by processor and by (processor, sequence) asked for every event handled.
    CONSTRAINT deadletterentry_sequence_key UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);

