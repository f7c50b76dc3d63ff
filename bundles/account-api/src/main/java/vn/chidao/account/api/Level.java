package vn.chidao.account.api;

/** An agency level (province, district, commune, ...): data, not an enum. Rank 1 is the top. */
public record Level(String code, String name, int rank) {
}
