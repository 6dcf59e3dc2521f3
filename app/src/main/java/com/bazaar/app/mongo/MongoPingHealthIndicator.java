package com.bazaar.app.mongo;

import com.bazaar.app.BazaarProperties;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Replaces Spring Boot's Mongo health check (bean name {@code mongoHealthIndicator}): that one sends {@code hello},
 * which the embedded server does not implement; {@code ping} works on both it and a real MongoDB.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;
    private final BazaarProperties properties;

    MongoPingHealthIndicator(MongoTemplate mongo, BazaarProperties properties) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.status(answer.get("ok", Number.class).intValue() == 1 ? "UP" : "DOWN")
                .withDetail("database", properties.database())
                .withDetail(
                        "server", properties.embeddedMongo() ? "embedded (mongo-java-server, H2 file)" : "external");
    }
}
