package com.bazaar.platform.readmodel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The name of every collection of a rebuildable read model, for the generation the caller should see. A read model
 * lives in generation 0 ({@code feed_items}) until its first rebuild, then in generation n ({@code feed_items_g2}).
 * Which generation is active is shared by all nodes in the {@value #GENERATIONS} collection; this bean keeps the last
 * value it read (refreshed by {@link #refresh}, which the rebuild follower calls on every node), because resolving a
 * name happens on every MongoDB operation of a projection or query.
 *
 * <p>Code running for a rebuild processor sees its target generation instead: {@link #writingTo} is a handler
 * interceptor that marks the processor's units of work, and {@link #name} looks for that mark up the unit of work's
 * parents. Everything else (queries, the live processors) sees the active generation. Spring Data MongoDB evaluates a
 * SpEL collection name on every operation, so {@code @Document("#{@readModelCollections.name('feed_items')}")} is all a
 * projection needs.
 */
@Component("readModelCollections")
public class ReadModelCollections {

    /** Compiled once: the embedded server asks for the base name of the collection of every write it receives. */
    private static final Pattern GENERATION_SUFFIX = Pattern.compile("_g\\d+$");

    /** One document per rebuildable processor: its active generation and the state of its rebuild, if any. */
    public static final String GENERATIONS = "read_model_generations";

    public static final String ACTIVE_GENERATION = "activeGeneration";

    private static final String RESOURCE_PREFIX = "bazaar.readModelGeneration.";

    private final MongoTemplate mongo;
    private final Map<String, RebuildableReadModel> models = new HashMap<>();
    private final Map<String, String> processorOfCollection = new HashMap<>();
    private final Map<String, Integer> activeGenerations = new ConcurrentHashMap<>();

    public ReadModelCollections(MongoTemplate mongo, ObjectProvider<RebuildableReadModel> readModels) {
        this.mongo = mongo;
        for (RebuildableReadModel model : readModels.orderedStream().toList()) {
            models.put(model.processor(), model);
            model.collections().forEach(collection -> processorOfCollection.put(collection, model.processor()));
        }
        refresh();
    }

    /** The collection {@code base} (its generation-0 name) resolves to for the current caller. */
    public String name(String base) {
        String processor = processorOfCollection.get(base);
        if (processor == null) {
            throw new IllegalArgumentException("No rebuildable read model declares the collection " + base);
        }
        return name(base, generationFor(processor));
    }

    public static String name(String base, int generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }

    /** The generation-0 name of a collection of any generation ({@code feed_items_g2} is {@code feed_items}). */
    public static String base(String collection) {
        return GENERATION_SUFFIX.matcher(collection).replaceFirst("");
    }

    public Optional<RebuildableReadModel> readModel(String processor) {
        return Optional.ofNullable(models.get(processor));
    }

    public int activeGeneration(String processor) {
        return activeGenerations.getOrDefault(processor, 0);
    }

    /** Reads the shared active generations again; a node sees another node's swap from its next refresh. */
    public void refresh() {
        refresh(mongo.getCollection(GENERATIONS).find());
    }

    /** As {@link #refresh()}, from the {@value #GENERATIONS} documents the caller has just read. */
    public void refresh(Iterable<Document> states) {
        for (Document state : states) {
            Object generation = state.get(ACTIVE_GENERATION);
            if (generation instanceof Number number) {
                activeGenerations.put(state.getString("_id"), number.intValue());
            }
        }
    }

    /** Marks every unit of work of a rebuild processor: the projection's writes go to {@code generation}. */
    public MessageHandlerInterceptor<EventMessage<?>> writingTo(String processor, int generation) {
        return (unitOfWork, chain) -> {
            unitOfWork.resources().put(RESOURCE_PREFIX + processor, generation);
            return chain.proceed();
        };
    }

    /** Runs {@code work} as if on the rebuild processor writing {@code generation} (to create its indexes). */
    public void inGeneration(String processor, int generation, Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage(processor));
        unitOfWork.resources().put(RESOURCE_PREFIX + processor, generation);
        try {
            work.run();
            unitOfWork.commit();
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }

    private int generationFor(String processor) {
        if (CurrentUnitOfWork.isStarted()) {
            for (UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
                    unitOfWork != null;
                    unitOfWork = unitOfWork.parent().orElse(null)) {
                Object marked = unitOfWork.getResource(RESOURCE_PREFIX + processor);
                if (marked instanceof Integer generation) {
                    return generation;
                }
            }
        }
        return activeGeneration(processor);
    }
}
