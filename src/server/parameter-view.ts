/**
 * One parameter as the dashboard's editor sees it (GET /api/parameters): a type only, with no
 * run-time imports, so the page (web/src/api.ts) shares it with the server that builds it
 * (parameter-info.ts).
 */
import type { LeverMeta } from '../model/declarations.js';

export interface ParameterInfo {
  readonly path: string;
  readonly group: string;
  /** The editor's group of the parameter (the pack's dashboard groups) and that group's place. */
  readonly section: { readonly title: string; readonly order: number };
  readonly kind: 'number' | 'schedule' | 'choice';
  readonly label: string;
  readonly description: string;
  readonly source: string;
  readonly unit?: string;
  readonly unitText?: string;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly range?: readonly [number, number];
  readonly options?: readonly string[];
  readonly interpolation?: 'linear' | 'step';
  /** A policy lever the optimiser may pull, and what costs it (the declaration's lever metadata). */
  readonly lever?: LeverMeta;
  /** The baseline value: a number, a choice, or a schedule's dated points. */
  readonly default: unknown;
}
