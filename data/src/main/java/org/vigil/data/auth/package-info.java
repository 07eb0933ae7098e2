/**
 * Passwords: {@link org.vigil.data.auth.PasswordHasher} (PBKDF2-HMAC-SHA256 from the JDK) and
 * {@link org.vigil.data.auth.PasswordPolicy}. Pure code, no I/O; the users themselves are stored by
 * {@link org.vigil.data.store.UserStore}.
 *
 * <p>Passwords travel as {@code char[]} so that they can be wiped after use; nothing here logs a password or keeps
 * one beyond the call.
 */
package org.vigil.data.auth;
