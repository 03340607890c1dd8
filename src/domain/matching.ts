// How a match's score is read outside the matcher, once.

/** Below this score (0..1) a match is weak: too weak to put before a reviewer unasked. The claim
 * page folds weaker matches into "n weaker matches", the /import page does not mark them, an
 * import does not report them; the API's own match routes answer the top ones whatever their
 * score. README "Matching" documents it. */
export const WEAK_MATCH = 0.5;

export const isWeakMatch = (score: number) => score < WEAK_MATCH;
