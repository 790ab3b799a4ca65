/** A plain object (not null, not an array): the shape of every message between a page and its panel. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
