-- The users read model granted USER at registration while the command side grants it only with the
-- verified address (V76, ADR 13): GET /api/v1/me showed USER to unverified accounts. The projection
-- now adds USER on EmailVerifiedEvent; this corrects rows projected before, without a replay.
UPDATE read.user_profile SET roles = array_remove(roles, 'USER') WHERE NOT email_verified;
