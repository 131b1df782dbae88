/**
 * Decision-maker workforce: headcount over time (a path of targets), attrition with
 * replacement, and training time before a new decision-maker is productive. Worked out month by
 * month before the run; the result is the number of productive decision-makers each month, which
 * becomes the decision station's capacity schedule.
 */
import { scheduleValues, type Horizon } from './horizon.js';
import type { SchedulePoint } from './declarations.js';

export interface WorkforceInputs {
  readonly headcount: readonly SchedulePoint[];
  readonly trainingMonths: number;
  readonly attritionPerYear: number;
  /** Share of productive decision-makers' time spent on initial decisions. */
  readonly decisionShare: number;
}

export interface WorkforcePlan {
  /** Headcount each month. */
  readonly headcount: Float64Array;
  /** Decision-makers still in training each month. */
  readonly inTraining: Float64Array;
  /** Productive decision-makers on initial decisions each month (fractional). */
  readonly productive: Float64Array;
}

export function planWorkforce(inputs: WorkforceInputs, horizon: Horizon): WorkforcePlan {
  const { months } = horizon;
  const T = Math.max(0, Math.round(inputs.trainingMonths));
  const monthlyAttrition = 1 - Math.pow(1 - inputs.attritionPerYear, 1 / 12);
  const headcount = new Float64Array(months);
  const inTraining = new Float64Array(months);
  const productive = new Float64Array(months);
  // Start T months early so the training pipeline at the start reflects the recent hiring path.
  const hires: number[] = [];
  const mid = (m: number) => (m >= 0 ? (horizon.bounds[m] + horizon.bounds[m + 1]) / 2 : 30.4375 * (m + 0.5));
  const headcountOn = scheduleValues(inputs.headcount, 'linear', horizon.start);
  let h = headcountOn(mid(-T - 1));
  for (let m = -T; m < months; m++) {
    const target = headcountOn(mid(m));
    const stay = h * (1 - monthlyAttrition);
    hires.push(Math.max(0, target - stay));
    h = target;
    if (m < 0) continue;
    let training = 0;
    for (let k = Math.max(0, hires.length - T); k < hires.length; k++) training += hires[k];
    headcount[m] = h;
    inTraining[m] = Math.min(h, training);
    productive[m] = (h - inTraining[m]) * inputs.decisionShare;
  }
  return { headcount, inTraining, productive };
}
