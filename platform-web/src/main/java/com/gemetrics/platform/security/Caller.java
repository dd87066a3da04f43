package com.gemetrics.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method's {@code UserId} parameter as the authenticated caller: the
 * subject of the access token ({@link CallerArgumentResolver}). A request with no
 * authenticated user is answered 401 {@code AUTHENTICATION_REQUIRED}, a token whose
 * subject is no user id 401 {@code INVALID_TOKEN}, before the method runs.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Caller {

}
