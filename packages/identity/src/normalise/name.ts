import { fail, ok, type Normalised } from '../errors';

/** A name part in the forms the matcher compares. */
export interface NormalisedNamePart {
  /** Case-folded, NFC, punctuation removed, ä/ö/å kept: `mäkelä`. */
  raw: string;
  /** Diacritics folded: `makela`. */
  folded: string;
  /** A transliteration-insensitive key (w→v, x→ks, ph→f, …): close, not equal. */
  variant: string;
}

/** A person's name split into given and family parts. */
export interface NormalisedName {
  given?: NormalisedNamePart;
  /** Every given name when several are written (`anna maria` → both). */
  givenAll: string[];
  family?: NormalisedNamePart;
}

const PUNCT_RE = /[^\p{L}\p{N}\s'-]/gu;
const PARTICLES = new Set(['von', 'van', 'der', 'de', 'den', 'af', 'la', 'le', 'da', 'di', 'du', 'del']);

/**
 * Case-folds and Unicode-normalises one name part. Apostrophes go, hyphens become spaces in the
 * comparable form so `Anna-Liisa` and `Anna Liisa` match.
 *
 * @example
 * foldName('  MÄKELÄ ').raw; // 'mäkelä'
 * foldName('Mäkelä').folded; // 'makela'
 */
export function foldName(text: string): NormalisedNamePart {
  // Names, streets and cities repeat across a million records: fold each distinct text once. The parts are
  // shared between callers, so they are frozen.
  const known = foldCache.get(text);
  if (known !== undefined) return known;
  const part = foldNameUncached(text);
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(text, part);
  return part;
}

const FOLD_CACHE_LIMIT = 250_000;
const foldCache = new Map<string, NormalisedNamePart>();

function foldNameUncached(text: string): NormalisedNamePart {
  const raw = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(PUNCT_RE, ' ')
    .replace(/['’]/g, '')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const folded = raw.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/g, 'o').replace(/æ/g, 'ae');
  return Object.freeze({ raw, folded, variant: variantKey(folded) });
}

/**
 * A spelling-insensitive key for transliteration variants (Aleksandr/Alexander, Wirtanen/Virtanen).
 *
 * @example
 * variantKey('alexander') === variantKey('aleksanteri'.slice(0, 8) + 'r'); // true-ish: 'aleksander'
 */
export function variantKey(folded: string): string {
  return folded
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ck|c/g, 'k')
    .replace(/z/g, 's')
    .replace(/y(?=$)/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/\s+/g, '');
}

/**
 * Normalises a person name. With `given`/`family` given separately they are used as such; a `full` name is
 * split: `Family, Given` by the comma, otherwise the last word (with particles like `von`) is the family name.
 *
 * @example
 * normaliseName({ full: 'Virtanen, Matti Juhani' }).value?.given?.raw; // 'matti'
 * normaliseName({ full: '   ' }); // { ok: false, reason: 'is empty' }
 */
export function normaliseName(name: { given?: string; family?: string; full?: string }): Normalised<NormalisedName> {
  let given = name.given?.trim() ?? '';
  let family = name.family?.trim() ?? '';
  if (given === '' && family === '' && name.full !== undefined) {
    const full = name.full.trim();
    const comma = full.indexOf(',');
    if (comma >= 0) {
      family = full.slice(0, comma).trim();
      given = full.slice(comma + 1).trim();
    } else {
      const words = full.split(/\s+/).filter((w) => w !== '');
      if (words.length === 1) given = words[0]!;
      else if (words.length > 1) {
        let start = words.length - 1;
        while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
        family = words.slice(start).join(' ');
        given = words.slice(0, start).join(' ');
      }
    }
  }
  const g = given === '' ? undefined : foldName(given);
  const f = family === '' ? undefined : foldName(family);
  const gOk = g !== undefined && g.folded !== '';
  const fOk = f !== undefined && f.folded !== '';
  if (!gOk && !fOk) return fail('is empty');
  if (!gOk) return ok({ givenAll: [], family: f! });
  const givenAll = g.folded.split(' ');
  // The first given name is the one people use; the rest are kept for the "any given name" comparison.
  const space = g.raw.indexOf(' ');
  const first = foldName(space < 0 ? g.raw : g.raw.slice(0, space));
  return ok(fOk ? { given: first, givenAll, family: f } : { given: first, givenAll });
}
