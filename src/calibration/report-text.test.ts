import { describe, expect, it } from 'vitest';
import { errorText, shortVersion } from './report-text.js';

describe('error text', () => {
  it('signs the error and writes it as a percentage', () => {
    expect(errorText(0.0534)).toBe('+5.3%');
    expect(errorText(-0.12)).toBe('-12.0%');
    expect(errorText(-0.0001)).toBe('0.0%');
    expect(errorText(Number.NaN)).toBe('n/a');
  });
});

describe('short data version', () => {
  it('cuts a long hash to 12 characters and leaves a short name whole', () => {
    expect(shortVersion('f'.repeat(64))).toBe(`${'f'.repeat(12)}…`);
    expect(shortVersion('v2024-11')).toBe('v2024-11');
  });
});
