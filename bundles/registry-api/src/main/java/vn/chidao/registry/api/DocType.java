package vn.chidao.registry.api;

/** A document type of the editable list (NQ Nghị quyết, QĐ Quyết định, QĐi Quy định, CV Công văn, ...); active null means true. */
public record DocType(String code, String name, Boolean active) {
}
