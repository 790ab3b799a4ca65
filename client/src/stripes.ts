// The shapes that show a fragment's codes in the editor (decorations.ts): a stripe per code under
// inline words, as stacked box shadows, and a bar per code in the gutter, as a small SVG. Pure.

import type { DocumentFragment } from '../../server/src/protocol';

/** Thickness of one stripe under the words, in pixels. */
export const STRIPE_PX = 2;

/** The colour of each code of the fragment, in the order of its codes (undefined where it has none). */
export function fragmentColors(fragment: Pick<DocumentFragment, 'codes' | 'color' | 'colors'>): (string | undefined)[] {
  return fragment.codes.map((_, i) => fragment.colors?.[i] ?? (i === 0 ? fragment.color : undefined));
}

/**
 * CSS `box-shadow` with one stripe per colour right below the words, the first colour nearest:
 * each shadow lies under the ones before it, so each shows the strip the others leave.
 */
export function stripeShadow(colors: readonly string[]): string {
  return colors.map((color, i) => `0 ${(i + 1) * STRIPE_PX}px 0 0 ${color}`).join(', ');
}

/**
 * A gutter icon with one vertical bar per colour, left to right, stretched to the line's height
 * (`preserveAspectRatio="none"`), so the bars of consecutive lines join. Colours must be `#rrggbb`.
 */
export function gutterBarsSvg(colors: readonly string[]): string {
  const size = 16;
  const gap = 1;
  const width = Math.min(3, (size - gap * (colors.length - 1)) / colors.length);
  const total = colors.length * width + (colors.length - 1) * gap;
  const left = (size - total) / 2;
  const round = (n: number): number => Math.round(n * 100) / 100;
  const bars = colors.map((color, i) => `<rect x="${round(left + i * (width + gap))}" y="0" width="${round(width)}" height="${size}" fill="${color}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" preserveAspectRatio="none">${bars.join('')}</svg>`;
}
