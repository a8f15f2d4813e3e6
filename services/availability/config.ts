// The reading room's own knobs (the common ones are in shared/config.ts), read and
// checked at start-up; the README's Reading room section (Configuration) lists them.
import { readInt, type ServiceSchema } from '../shared/config.js';
import { MAX_HORIZON_DAYS } from './template.js';

export interface AvailabilityConfig {
  /** AVAILABILITY_HORIZON_DAYS: how many days ahead the template is published; unset, the template's own. */
  horizonDays?: number;
}

export const availabilityConfig: ServiceSchema<AvailabilityConfig> = (env) => {
  const horizonDays = readInt(env, 'AVAILABILITY_HORIZON_DAYS', -1, 0, MAX_HORIZON_DAYS);
  return horizonDays === -1 ? {} : { horizonDays };
};
