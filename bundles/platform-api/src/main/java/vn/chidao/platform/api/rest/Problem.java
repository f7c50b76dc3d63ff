package vn.chidao.platform.api.rest;

/**
 * An error answer in RFC 9457 form. {@code type} is a stable identifier of the error kind
 * ({@code urn:chidao:problem:<kind>}); {@code title} and {@code detail} are Vietnamese, with English
 * twins used when the client prefers English.
 */
public record Problem(String type, int status, String title, String detail, String titleEn, String detailEn) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static String type(String kind) {
        return "urn:chidao:problem:" + kind;
    }
}
