// Which agreement figures need a word of explanation for a researcher: a high percentage with a low
// kappa (one category dominates, so chance agreement is high) and a negative alpha (less agreement
// than chance). Shared by `kader agree` and the coding comparison page, which word them.

/** The figures of one code, as the agreement report gives them. */
export interface CodeFigures {
  code: string;
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
}

/** One code's figures that are easily misread; at least one of the two is true. */
export interface AgreementNote {
  code: string;
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
  /** A high percentage with a low kappa: most of the text is uncoded by both, chance agreement is high. */
  prevalence: boolean;
  /** Alpha below 0: less agreement than chance. */
  belowChance: boolean;
}

/** Percent agreement from which a low kappa is worth explaining. */
export const HIGH_PERCENT = 80;
/** Kappa below this, at a high percentage, is the prevalence effect (below "moderate"). */
export const LOW_KAPPA = 0.4;

/** The codes, in the table's order, whose figures need a note. */
export function agreementNotes(codes: readonly CodeFigures[]): AgreementNote[] {
  const notes: AgreementNote[] = [];
  for (const c of codes) {
    const prevalence = c.percent !== null && c.kappa !== null && c.percent >= HIGH_PERCENT && c.kappa < LOW_KAPPA;
    // As shown (three decimals), so that "-0.000" never gets a note.
    const belowChance = c.alpha !== null && Math.round(c.alpha * 1000) < 0;
    if (prevalence || belowChance) notes.push({ code: c.code, percent: c.percent, kappa: c.kappa, alpha: c.alpha, prevalence, belowChance });
  }
  return notes;
}
