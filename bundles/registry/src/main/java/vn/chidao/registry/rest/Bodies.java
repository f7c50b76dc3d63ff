package vn.chidao.registry.rest;

import java.util.Map;

/** Request bodies of the registry API. */
final class Bodies {

    private Bodies() {
    }

    record Reason(String reason) {
    }

    record Correction(Map<String, Object> changes, String reason) {
    }
}
