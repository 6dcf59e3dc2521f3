package com.bazaar.operations.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of the audit trail; {@code nextCursor} continues it and is null on the last page. */
record AuditPage(
        List<AuditItem> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    AuditPage masked() {
        return new AuditPage(items.stream().map(AuditItem::masked).toList(), nextCursor);
    }
}
