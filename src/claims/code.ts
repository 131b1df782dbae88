/**
 * The bespoke checks a claims file may name (`code: <name>`): claims whose check is a search or a
 * judgement that the generic methods (methods.ts) cannot state honestly. Each is kept here by name
 * so that the file still holds the claim's words and the code only what must be code.
 */
import { quotaPopulationBases } from './quota.js';
import type { BespokeCheck } from './types.js';

export const CODE_METHODS = {
  /** Which population base, if any, gives a quota figure as a share of EU+ applications (quota.ts). */
  'eu-quota-population-bases': quotaPopulationBases,
} as const satisfies Record<string, BespokeCheck>;

export type CodeMethodName = keyof typeof CODE_METHODS;
export const CODE_METHOD_NAMES = Object.keys(CODE_METHODS) as [CodeMethodName, ...CodeMethodName[]];
