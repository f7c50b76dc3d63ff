package vn.chidao.registry.api;

/** SignerInfo: position (Bí thư, Chánh Văn phòng...), full name, competence (T/M, K/T, T/L, ...). */
public record Signer(String position, String fullName, String competence) {
}
