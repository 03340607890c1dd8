/** Claim kinds the extractor proposes (DESIGN's claim kinds). */
export type CandidateKind = "direct_quote" | "statistic";

export interface ExtractedSpeaker {
  name: string;
  role: string | null;
}

export interface ExtractedNumber {
  value: number;
  qualifier?: string;
  unit: string;
}

export interface Candidate {
  /** The quote's words (paragraph breaks of a multi-paragraph quote kept as "\n\n", continuation marks dropped). */
  text: string;
  kind: CandidateKind;
  /** JavaScript string indices into the input, end exclusive, around the words without the quote marks. */
  start: number;
  end: number;
  speaker: ExtractedSpeaker | null;
  /** Whether the speaker is a person or organisation named in the article (not a pronoun, a description
   * such as "the report" or "her statement", or no one): only then is the attribution worth filing as is. */
  speaker_resolved: boolean;
  /** How the text attributes it: "said", "told AFP", "tweeted", "according to"; null when nothing does. */
  cue: string | null;
  confidence: number;
  reasons: string[];
  /** Only for statistics. */
  numbers?: ExtractedNumber[];
}
