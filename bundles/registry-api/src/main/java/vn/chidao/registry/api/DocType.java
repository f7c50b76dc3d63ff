package vn.chidao.registry.api;

/** A document type of the editable list (NQ Nghị quyết, QĐ Quyết định, QĐi Quy định, CV Công văn, ...). */
public record DocType(String code, String name, boolean active) {
}
