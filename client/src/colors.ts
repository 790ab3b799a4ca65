// Codebook colours (`#RGB` or `#RRGGBB`) as the forms the editor needs.

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** `#RRGGBB` in lower case, or undefined for anything that is not a codebook colour. */
export function normalizeColor(color: string | undefined): string | undefined {
  if (!color || !HEX.test(color)) return undefined;
  const hex = color.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

/** `#RRGGBBAA` with the alpha given as 0…1. */
export function withAlpha(color: string, alpha: number): string {
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  return `${color}${a.toString(16).padStart(2, '0')}`;
}

/** The colour of fragments whose codes have none in the codebook. */
export const NEUTRAL_COLOR = '#8c8c8c';
