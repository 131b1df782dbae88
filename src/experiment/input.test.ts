import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { parseIntegerInput } from './input.js';

const range = { min: 1, max: 500 };

describe('parseIntegerInput', () => {
  it('accepts plain integers in range and the default when absent', () => {
    expect(parseIntegerInput('--n', '1', range)).toBe(1);
    expect(parseIntegerInput('--n', ' 500 ', range)).toBe(500);
    expect(parseIntegerInput('--n', '007', range)).toBe(7);
    expect(parseIntegerInput('--n', undefined, range, 20)).toBe(20);
  });

  it('refuses anything else with an InputError naming flag, value and range', () => {
    for (const raw of ['0', '501', '-1', '+3', '1e2', '2.0', '0x10', '', 'ten', '99999999999999999']) {
      try {
        parseIntegerInput('--n', raw, range);
        expect.unreachable(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).problems[0]).toEqual({ field: '--n', value: JSON.stringify(raw), allowed: 'an integer from 1 to 500' });
      }
    }
    expect(() => parseIntegerInput('--n', undefined, range)).toThrow(InputError);
  });

  it('never throws anything but InputError, and returns only values in range', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        try {
          const v = parseIntegerInput('--n', raw, range);
          expect(Number.isInteger(v) && v >= 1 && v <= 500).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
