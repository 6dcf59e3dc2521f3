package com.bazaar.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reading synthesised CloudFormation as plain maps and lists. */
final class Json {

    private Json() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }

    /** The Properties of every resource of this type, keyed by logical id. */
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        Map<String, Map<String, Object>> found = new java.util.LinkedHashMap<>();
        map(template.toJSON().get("Resources")).forEach((id, resource) -> {
            Map<String, Object> r = map(resource);
            if (type.equals(r.get("Type"))) {
                Object properties = r.get("Properties");
                found.put(id, properties == null ? Map.of() : map(properties));
            }
        });
        return found;
    }

    static Map<String, Object> only(Template template, String type) {
        Map<String, Map<String, Object>> all = resources(template, type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + all.keySet());
        }
        return all.values().iterator().next();
    }

    /** Every policy statement of every IAM policy (and role inline policy) in the template. */
    static List<Map<String, Object>> statements(Template template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        resources(template, "AWS::IAM::Policy")
                .values()
                .forEach(policy ->
                        list(map(policy.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s))));
        return statements;
    }

    /** The statements of the policies attached to the role with this logical id prefix. */
    static List<Map<String, Object>> statementsOfRole(Template template, String roleIdPrefix) {
        List<Map<String, Object>> statements = new ArrayList<>();
        resources(template, "AWS::IAM::Policy").values().forEach(policy -> {
            boolean attached = list(policy.get("Roles")).stream()
                    .anyMatch(role -> String.valueOf(map(role).get("Ref")).startsWith(roleIdPrefix));
            if (attached) {
                list(map(policy.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
            }
        });
        return statements;
    }

    static String text(Object value) {
        return String.valueOf(value);
    }
}
