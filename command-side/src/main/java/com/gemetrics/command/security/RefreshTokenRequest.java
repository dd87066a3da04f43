package com.gemetrics.command.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/auth/refresh} and {@code POST /api/v1/auth/logout}.
 *
 * @param refreshToken the opaque refresh token
 */
record RefreshTokenRequest(@NotBlank @Size(max = RefreshTokenCodec.MAX_LENGTH) String refreshToken) {
}
