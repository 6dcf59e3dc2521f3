-- Every statement that appends events notifies the channel event_arrivals when its transaction commits (PostgreSQL
-- delivers NOTIFY at commit, and drops it on rollback). Each node LISTENs on it (PostgresArrivalNotifications) and its
-- event store reads at once, so an event appended by another node reaches this node's processors in milliseconds
-- instead of at the next poll, and the poll itself can be rare (docs/EVENT-STORE.md, "Event arrival").
CREATE FUNCTION notify_event_arrival() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('event_arrivals', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER domainevententry_arrival
    AFTER INSERT ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_event_arrival();
