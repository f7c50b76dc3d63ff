package vn.chidao.platform.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints a caller may use while their account setup is unfinished
 * ({@link vn.chidao.platform.api.Caller#mustChangePassword()}: a one-time password to change, or a
 * second factor an administrator must enrol). Every other endpoint answers 403 until then.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SetupAllowed {
}
