/**
 * mailparser 3.9 loads `require('nodemailer/lib/addressparser')`. Under `node --conditions=import` (vitest
 * passes its resolve conditions to Node this way) that resolves to nodemailer 10's ESM build and require()
 * returns a module namespace instead of the function, so every address header fails to parse. When that
 * happens, the function is put in the require cache first. Imported by parse.ts before mailparser.
 */
import { createRequire, Module } from 'node:module';

function fixAddressparser(): void {
  const requireFromHere = createRequire(import.meta.url);
  const requireFromMailparser = createRequire(requireFromHere.resolve('mailparser'));
  const id = requireFromMailparser.resolve('nodemailer/lib/addressparser');
  const loaded: unknown = requireFromMailparser(id);
  if (typeof loaded === 'function') return;
  const fn = (loaded as { default?: unknown } | undefined)?.default;
  if (typeof fn !== 'function') return;
  const shim = new Module(id);
  shim.filename = id;
  shim.exports = fn;
  shim.loaded = true;
  requireFromMailparser.cache[id] = shim;
}

fixAddressparser();
