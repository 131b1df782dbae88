/** The UK pack's calibration map: the calibration's tests read the UK record through it, as the CLI does. */
import type { CalibrationMap } from '../../pack/calibration-map.js';
import { loadPack } from '../../pack/load.js';
import { calibrationMapOf } from '../pack-record.js';

export const ukMap = (): CalibrationMap => calibrationMapOf(loadPack('uk'));
