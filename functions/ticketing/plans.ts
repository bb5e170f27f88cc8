import type { ChangePlans } from './model';

/** The three plans a change or release needs before it may enter authorize. */
export const PLAN_NAMES = ['implementation', 'backout', 'test'] as const;

/** Change and release states in which the plans may still be written: the approver approves what is there at authorize. */
const PLANS_OPEN_STATES = new Set(['new', 'assess', 'authorize']);

/** Whether the plans of a change or release may still be written in this state. */
export function plansOpen(state: string): boolean {
  return PLANS_OPEN_STATES.has(state);
}

/**
 * `current` with each plan named in `update` replaced (trimmed); a blank plan is removed. Undefined
 * when no plan is left.
 */
export function mergePlans(current: ChangePlans | undefined, update: ChangePlans): ChangePlans | undefined {
  const merged: { -readonly [K in keyof ChangePlans]: string } = {};
  for (const name of PLAN_NAMES) {
    const value = update[name] !== undefined ? update[name]?.trim() : current?.[name];
    if (value) merged[name] = value;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** Dotted paths (`plans.backout`) of the plans missing or blank. */
export function missingPlans(plans: ChangePlans | undefined): string[] {
  return PLAN_NAMES.filter((name) => !plans?.[name]?.trim()).map((name) => `plans.${name}`);
}
