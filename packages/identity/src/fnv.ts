// FNV-1a, 32 bits: the one hash behind blocking keys, identifier index numbers and the columns' pool.

/** The offset basis: the hash of the empty text. */
export const FNV_OFFSET = 0x811c9dc5 | 0;

/** One step of FNV-1a: the hash `h` continued by the character code `c`. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/**
 * FNV-1a of `text` from `from` to `to` (the whole text by default), continued from the hash `h`, as a signed
 * int32 (what an Int32Array holds; `>>> 0` gives the unsigned form).
 */
export function fnv1a(text: string, from = 0, to = text.length, h = FNV_OFFSET): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
