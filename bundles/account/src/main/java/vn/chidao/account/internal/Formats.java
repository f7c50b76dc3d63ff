package vn.chidao.account.internal;

import java.util.regex.Pattern;

/** Formats of account fields. */
final class Formats {

    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,49}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}$");
    static final Pattern PHONE = Pattern.compile("^\\+?[0-9 .()-]{6,20}$");
    static final Pattern ORGAN_ID = Pattern.compile("^[0-9A-Za-z.]{1,30}$");

    private Formats() {
    }
}
