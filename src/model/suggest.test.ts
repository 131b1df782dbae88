import { describe, expect, it } from 'vitest';
import { closeNames, didYouMean } from './suggest.js';

describe('closeNames: the one "did you mean" rule', () => {
  const known = ['backlog_initial_people', 'backlog_initial_cases', 'small_boat_arrivals', 'asylum_hotel_people'];

  it('suggests the closest names by edit distance, and names that contain or are contained', () => {
    expect(closeNames('backlog_initial_peple', known)).toEqual(['backlog_initial_people']);
    expect(closeNames('hotel_people', known)).toEqual(['asylum_hotel_people']);
    expect(closeNames('backlog', known)).toEqual(['backlog_initial_cases', 'backlog_initial_people']);
  });

  it('keeps only the closest of several near names, ties in alphabetical order, at most max', () => {
    expect(closeNames('productivty', ['productivity', 'productive', 'headcount'])).toEqual(['productivity']);
    expect(closeNames('fake-2025', ['fake-2024', 'fake-2023', 'other'])).toEqual(['fake-2023', 'fake-2024']);
    expect(closeNames('fake-2025', ['fake-2024', 'fake-2023'], 1)).toEqual(['fake-2023']);
  });

  it('suggests nothing for a name far from every known one, or for short containment', () => {
    expect(closeNames('zzz', known)).toEqual([]);
    expect(closeNames('abc', ['abcdefgh'])).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('phrases the suggestions, quoted, or gives nothing', () => {
    expect(didYouMean('horizonMonth', ['name', 'horizonMonths'])).toBe('did you mean "horizonMonths"?');
    expect(didYouMean('backlog', ['backlog_initial_people', 'backlog_initial_cases'], 3)).toBe('did you mean "backlog_initial_cases" or "backlog_initial_people"?');
    expect(didYouMean('zzz', ['name'])).toBe('');
  });
});
