/** The built-in plan the pool's threads warm up on (pool.ts WARM_UP_PATHS): K1, compiled by scripts/gen-warm-up-plan.mjs. */
import { deserialize } from 'node:v8';
import type { Plan } from '../../scenario/plan.js';
import { WARM_UP_PLAN_BASE64 } from './warm-up-plan.js';

let plan: Plan | undefined;

export function warmUpPlan(): Plan {
  plan ??= deserialize(Buffer.from(WARM_UP_PLAN_BASE64, 'base64')) as Plan;
  return plan;
}
