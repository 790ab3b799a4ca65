// Which agreement figures need a word of explanation for a researcher: a high percentage with a low
// kappa (one category dominates, so chance agreement is high) and a negative alpha (less agreement
// than chance). Shared by `kader agree` and the coding comparison page, which word them: one line
// per kind, naming its codes.

/** The figures of one code, as the agreement report gives them. */
export interface CodeFigures {
  code: string;
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
}

export interface AgreementNotes {
  /** Codes with a high percentage but a low kappa: most of the text is uncoded by both, chance agreement is high. */
  prevalence: string[];
  /** Codes whose alpha is below 0: less agreement than chance. */
  belowChance: string[];
}

/** Percent agreement from which a low kappa is worth explaining. */
export const HIGH_PERCENT = 80;
/** Kappa below this, at a high percentage, is the prevalence effect (below "moderate"). */
export const LOW_KAPPA = 0.4;

/** The codes, in the table's order, whose figures need a note. */
export function agreementNotes(codes: readonly CodeFigures[]): AgreementNotes {
  return {
    prevalence: codes.filter((c) => c.percent !== null && c.kappa !== null && c.percent >= HIGH_PERCENT && c.kappa < LOW_KAPPA).map((c) => c.code),
    // As shown (three decimals), so that "-0.000" never gets a note.
    belowChance: codes.filter((c) => c.alpha !== null && Math.round(c.alpha * 1000) < 0).map((c) => c.code),
  };
}
