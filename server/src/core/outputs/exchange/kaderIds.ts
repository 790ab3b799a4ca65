// How Kader's own ids travel through REFI-QDA. A `<Code>` has no free attribute, and its `name`
// is a label that other tools (and Kader in another language) change; so the code's id rides as
// the last line of its `<Description>`, `Kader: #intentie/gestuurd`, which an import reads and
// strips again. GUIDs are derived from the ids, so a re-export gives every object the same GUID.

import { isCodePath } from '../../codes';

/** The start of the carrier line; the code path follows it. */
const CARRIER = 'Kader: #';
/** The carrier as the last non-blank line of a description (LF or CRLF, trailing blanks allowed). */
const CARRIER_LINE = /(?:^|\r?\n)[ \t]*Kader: #(\S+)[ \t]*\s*$/;

/** The description with the code's id as its last line (after a blank line when there is text). */
export function withKaderId(description: string, id: string): string {
  const text = description.trimEnd();
  return text ? `${text}\n\n${CARRIER}${id}` : `${CARRIER}${id}`;
}

/**
 * The Kader id carried by a description, and the description without it. A last line that names
 * no valid code path is the description's own text and stays.
 */
export function readKaderId(description: string): { id?: string; description: string } {
  const match = CARRIER_LINE.exec(description);
  if (!match || !isCodePath(match[1]!)) return { description };
  return { id: match[1]!, description: description.slice(0, match.index).trimEnd() };
}

/** A GUID derived from a kind and a name, so a re-export gives every object the same GUID again. */
export function stableGuid(kind: string, name: string): string {
  const input = `${kind}\u0000${name}`;
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= h >>> 13;
      h = Math.imul(h, 0x5bd1e995) >>> 0;
    }
    return (h ^ (h >>> 15)) >>> 0;
  });
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  // Version 8 (custom) and the RFC 4122 variant bits.
  const v = `${hex.slice(0, 12)}8${hex.slice(13, 16)}${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`.toUpperCase();
}

/** The GUID of the `<Code>` for a Kader code id (without `#`). */
export function codeGuid(id: string): string {
  return stableGuid('code', id);
}
