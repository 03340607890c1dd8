// Matching a claim to the claims already stored: pure text algorithms (no storage). The service
// (src/services/matching.ts) asks the index for candidates, then ranks them here.

export {
  type Associations,
  defaultAssociations,
  learnAssociations,
  parseAssociations,
} from "./associations";
export { porterStem } from "./porter";
export { CANDIDATES, COLUMN_WEIGHTS, ftsQuery, MAX_TERMS, pickTerms } from "./query";
export {
  assess,
  type Candidate,
  type Corpus,
  idf,
  indexTerms,
  linear,
  type MatchQuery,
  type MatchReason,
  type MatchWarning,
  type PreparedQuery,
  prepareQuery,
  type Ranked,
  rerank,
  type Signals,
  STRONG_MATCH,
  UNKNOWN_IDF_SHARE,
  WEIGHTS,
  type Weights,
} from "./rerank";
export { type PreparedText, prepare, splitCamel, stripNoise } from "./text";
