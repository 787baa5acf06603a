import type { DomainErrorCode } from "../errors";

/**
 * The one code → HTTP status table for what domain code throws as a DomainError (RFC 9110
 * §15.5): a battle that does not exist or has nothing to serve is 404, one served to another voter
 * 403, one past its expiry 410 Gone, one already voted on or skipped 409 Conflict; a bad input
 * 400, a record that is not there 404, one that clashes 409; no operator session 401, a role or
 * CSRF token that does not allow it 403; a file of the wrong type 415, one that cannot be read
 * or a manifest with problems 422; ffmpeg missing or interrupted 503. Typed as a Record over
 * DomainErrorCode, so a new code does not compile until it has a status here.
 */
export const STATUS_OF_CODE: Readonly<Record<DomainErrorCode, number>> = {
  battle_not_found: 404,
  not_your_battle: 403,
  battle_expired: 410,
  already_voted: 409,
  battle_skipped: 409,
  not_voted: 409,
  tags_closed: 409,
  no_battle_available: 404,
  clip_not_found: 404,
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  unknown_category: 404,
  unknown_model: 404,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  unsupported_media_type: 415,
  unreadable_video: 422,
  ffmpeg_missing: 503,
  ffmpeg_interrupted: 503,
  invalid_manifest: 422,
  named_vote: 409,
  release_in_progress: 409,
  vote_not_found: 404,
  recognition_not_asked: 400,
  recognition_answered: 409,
  recognition_model_unknown: 400,
  no_voter_session: 404,
};

/** Headers a code's answer carries: an interrupted ffmpeg is worth retrying in a minute. */
export const HEADERS_OF_CODE: Readonly<Partial<Record<DomainErrorCode, Record<string, string>>>> = {
  ffmpeg_interrupted: { "Retry-After": "60" },
};
