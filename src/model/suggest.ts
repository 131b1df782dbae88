/**
 * "Did you mean": the one rule for suggesting a known name for a mistyped one, used for scenario
 * fields, built-in scenario names and data series alike. A name is close when it is within an edit
 * distance of a third of the typed name's length (at least 2) and no other is closer, or when one
 * contains the other (4 characters or more: `hotel_people` → `asylum_hotel_people`). Pure.
 */
import { distance } from 'fastest-levenshtein';

/** Known names close to `name`, best first (then alphabetical), at most `max`. */
export function closeNames(name: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const near: Array<[string, number]> = [];
  const containing: Array<[string, number]> = [];
  for (const k of known) {
    const d = distance(name, k);
    if (d <= limit) near.push([k, d]);
    else if (name.length >= 4 && (k.includes(name) || name.includes(k))) containing.push([k, d]);
  }
  const best = Math.min(...near.map(([, d]) => d));
  const scored = [...near.filter(([, d]) => d === best), ...containing];
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, max).map(([k]) => k);
}

/** `did you mean "a"?` (or `"a" or "b"?`) for the close names, or '' when there are none. */
export function didYouMean(name: string, known: Iterable<string>, max = 1): string {
  const close = closeNames(name, known, max);
  return close.length === 0 ? '' : `did you mean ${close.map((k) => `"${k}"`).join(' or ')}?`;
}
