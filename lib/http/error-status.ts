import type { DomainErrorCode } from "../errors";

/**
 * The one code → HTTP status table for what domain code throws as a DomainError (RFC 9110
 * §15.5): a battle that does not exist or has nothing to serve is 404, one served to another voter
 * 403, one past its expiry 410 Gone, one already voted on or skipped 409 Conflict. Typed as a
 * Record over DomainErrorCode, so a new code does not compile until it has a status here.
 */
export const STATUS_OF_CODE: Readonly<Record<DomainErrorCode, number>> = {
  battle_not_found: 404,
  not_your_battle: 403,
  battle_expired: 410,
  already_voted: 409,
  battle_skipped: 409,
  no_battle_available: 404,
  clip_not_found: 404,
  vote_not_found: 404,
  recognition_not_asked: 400,
  recognition_answered: 409,
};
