/**
 * Content hashes for the store: a value's canonical JSON (object keys sorted, so the same content
 * always gives the same text) hashed with SHA-256. Saved scenarios get a short id from it, so saving
 * the same scenario twice gives the same id; runs are cached under the hash of their whole request.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys in sorted order at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** A short id for links: the first 10 hex digits of the hash (40 bits; collisions are checked on save). */
export function shortId(hash: string): string {
  return hash.slice(0, 10);
}
