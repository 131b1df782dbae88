/**
 * The dashboard's built files (web/dist) served as they are. Paths are resolved inside the folder
 * and anything outside it is refused; unknown paths without an extension get index.html (the
 * dashboard routes on the client). Hashed assets are cached for a year, index.html never.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function staticHandler(root: string) {
  const base = normalize(root + sep);
  return (c: Context): Response => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.json({ error: 'bad path' }, 400);
    }
    let file = normalize(join(base, rel));
    if (!file.startsWith(base)) return c.json({ error: 'not found' }, 404);
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (extname(rel) !== '') return c.json({ error: 'not found' }, 404);
      file = join(base, 'index.html');
      if (!existsSync(file)) {
        return c.text('The dashboard is not built: run `npm run build` (the JSON API under /api works without it).', 503);
      }
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(readFileSync(file), 200, { 'Content-Type': type, 'Cache-Control': cache });
  };
}
