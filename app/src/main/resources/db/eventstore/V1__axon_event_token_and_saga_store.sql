-- Axon's JDBC event, token and saga store on PostgreSQL (BAZAAR_EVENT_STORE=postgres, docs/EVENT-STORE.md).
-- Table and column names are Axon 4's defaults (EventSchema, TokenSchema, SagaSchema), unquoted so PostgreSQL folds
-- them to lower case exactly as Axon's own unquoted SQL does. Types follow Axon's PostgresEventTableFactory,
-- PostgresTokenTableFactory and PostgresSagaSqlSchema; serialized payloads, metadata, tokens and sagas are Jackson
-- JSON stored as UTF-8 bytes (bytea, the engine's default data type).

-- Every event, in commit order of its global index. BIGSERIAL draws the index when the row is inserted, not when
-- its transaction commits, so a reader can see index 12 before 11: the gap-aware tracking token remembers 11 as a
-- gap and delivers it when (if) it commits.
CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    -- Tracking reads: globalindex > ? ORDER BY globalindex.
    CONSTRAINT domainevententry_pkey PRIMARY KEY (globalindex),
    -- Sourcing an aggregate, its last sequence number, and the optimistic lock: a second writer of the same
    -- (aggregate, sequence) violates this and Axon reports a ConcurrencyException.
    CONSTRAINT domainevententry_aggregate_sequence_key UNIQUE (aggregateidentifier, sequencenumber),
    CONSTRAINT domainevententry_eventidentifier_key UNIQUE (eventidentifier)
);

-- Aggregate snapshots (none configured today; the engine reads this table when an aggregate is loaded).
CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    CONSTRAINT snapshotevententry_pkey PRIMARY KEY (aggregateidentifier, sequencenumber),
    CONSTRAINT snapshotevententry_eventidentifier_key UNIQUE (eventidentifier)
);

-- One row per (processor, segment): its tracking token and the node that claims it. Claims are row updates
-- (SELECT ... FOR UPDATE, then owner/timestamp), so two nodes never process one segment.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    CONSTRAINT tokenentry_pkey PRIMARY KEY (processorname, segment)
);

CREATE TABLE sagaentry (
    sagaid         VARCHAR(255) NOT NULL,
    revision       VARCHAR(255),
    sagatype       VARCHAR(255),
    serializedsaga BYTEA,
    CONSTRAINT sagaentry_pkey PRIMARY KEY (sagaid)
);

CREATE TABLE associationvalueentry (
    id               BIGSERIAL    NOT NULL,
    associationkey   VARCHAR(255),
    associationvalue VARCHAR(255),
    sagaid           VARCHAR(255),
    sagatype         VARCHAR(255),
    CONSTRAINT associationvalueentry_pkey PRIMARY KEY (id)
);

-- Axon's own DDL creates no index here, but every event a saga type handles looks its sagas up by association, and
-- loading a saga reads its associations by id.
CREATE INDEX associationvalueentry_lookup ON associationvalueentry (sagatype, associationkey, associationvalue);
CREATE INDEX associationvalueentry_saga ON associationvalueentry (sagaid, sagatype);
