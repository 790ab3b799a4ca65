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

export type AgreementNote =
  | { kind: 'prevalence'; code: string; percent: number; kappa: number }
  | { kind: 'below-chance'; code: string; alpha: number };

/** Percent agreement from which a low kappa is worth explaining. */
export const HIGH_PERCENT = 80;
/** Kappa below this, at a high percentage, is the prevalence effect (below "moderate"). */
export const LOW_KAPPA = 0.4;

/** The notes for a table's codes, in the table's order: per code first the kappa note, then the alpha note. */
export function agreementNotes(codes: readonly CodeFigures[]): AgreementNote[] {
  const notes: AgreementNote[] = [];
  for (const c of codes) {
    if (c.percent !== null && c.kappa !== null && c.percent >= HIGH_PERCENT && c.kappa < LOW_KAPPA) {
      notes.push({ kind: 'prevalence', code: c.code, percent: c.percent, kappa: c.kappa });
    }
    // Rounded, so that "-0.000" never gets a note.
    if (c.alpha !== null && Math.round(c.alpha * 1000) < 0) notes.push({ kind: 'below-chance', code: c.code, alpha: c.alpha });
  }
  return notes;
}
