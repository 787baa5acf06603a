/**
 * Counted votes a voter needs before their own board (/me) is fitted (issue 31, item 4): the
 * provisional threshold of a model (lib/ratings/provisional.ts) taken for the voter as a whole —
 * fewer votes spread over several pairs bound almost nothing. Apart from voter-board.ts so client
 * components can import it without the database client.
 */
export const MIN_VOTES_FOR_OWN_BOARD = 20;
