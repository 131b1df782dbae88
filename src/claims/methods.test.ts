/**
 * The generic check methods and the text templates as a specification: what each method computes
 * from its operands, and how each placeholder prints a number.
 */
import { describe, expect, it } from 'vitest';
import { METHODS } from './methods.js';
import { placeholders, render } from './template.js';

describe('check methods', () => {
  it('compute what their names say, folding left to right', () => {
    expect(METHODS.sum.apply([1, 2, 3.5])).toBe(6.5);
    expect(METHODS.product.apply([1_000, 0.5, 12])).toBe(6_000);
    expect(METHODS.difference.apply([7, 10])).toBe(-3);
    expect(METHODS.ratio.apply([4_878, 1_000])).toBe(4.878);
    expect(METHODS.mean.apply([0.1, 0.3])).toBe(0.5 * 0.1 + 0.5 * 0.3);
    expect(METHODS.min.apply([3, 1, 2])).toBe(1);
    expect(METHODS.max.apply([3, 1, 2])).toBe(3);
    expect(METHODS.relativeError.apply([22_926, 23_000])).toBeCloseTo(-0.0032, 4);
    expect([METHODS.above.apply([175_457, 175_000]), METHODS.above.apply([175_000, 175_000])]).toEqual([1, 0]);
  });

  it('interpolate a cumulative record between two dates at an even pace', () => {
    // 22,289 on 8 September, 24,200 on 26 September: 6 days of 18 in, a third of the way.
    expect(METHODS.interpolate.apply([22_289, 24_200, 6, 18])).toBeCloseTo(22_289 + (24_200 - 22_289) / 3, 9);
    expect(METHODS.interpolate.apply([10, 20, 0, 5])).toBe(10);
    expect(METHODS.interpolate.apply([10, 20, 5, 5])).toBe(20);
  });
});

describe('text templates', () => {
  const values = new Map([
    ['people', 175_457.4],
    ['change', -6_758],
    ['share', 0.12782],
    ['cost', 2.3e9],
    ['small', 45_000],
    ['over', 1],
    ['months', 3],
  ]);
  const ctx = { values, symbol: '£' };

  it('print numbers by format, with the pack\'s currency symbol', () => {
    expect(render('{count:people} people', ctx)).toBe('175,457 people');
    expect(render('{change:change} by {countAbs:change}', ctx)).toBe('reduce by 6,758');
    expect(render('{percent:share}, {percent2:share}, {percent3:share}', ctx)).toBe('12.8%, 12.78%, 12.782%');
    expect(render('{money:cost}; {money:small}', ctx)).toBe('£2.30bn; £45,000');
    expect(render('{money:cost}', { ...ctx, symbol: 'E$' })).toBe('E$2.30bn');
    expect(render('{fixed1:share}', ctx)).toBe('0.1');
  });

  it('choose words by a number being other than 0', () => {
    expect(render('{over?just over|under} 175,000', ctx)).toBe('just over 175,000');
    expect(render('{over?just over|under} 175,000', { ...ctx, values: new Map([['over', 0]]) })).toBe('under 175,000');
  });

  it('name the projection\'s months and scenarios', () => {
    const projection = { a: { scenario: 'base' }, b: { scenario: 'base-plus' }, months: [{ month: '2023-07' }, { month: '2023-08' }, { month: '2023-09' }] } as never;
    expect(render('{scenario:a} vs {scenario:b}: {when:months}', { ...ctx, projection })).toBe('base vs base-plus: by 2023-09');
    expect(render('{when:never}', { ...ctx, values: new Map([['never', Infinity]]), projection })).toBe('not within the horizon');
    expect(render('{when:late}', { ...ctx, values: new Map([['late', 40]]), projection })).toBe('beyond the horizon');
  });

  it('list their placeholders for the loader to check', () => {
    expect(placeholders('{count:a b, c (d)} and {x?y|z}')).toEqual([
      { format: 'count', name: 'a b, c (d)' },
      { format: '?', name: 'x' },
    ]);
  });
});
