import type { Level, Priority } from './model';

/** ServiceNow's default matrix: rows are impact 1–3, columns urgency 1–3. */
const PRIORITY_MATRIX: readonly (readonly Priority[])[] = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
];

/** Priority 1 (critical) to 5 (planning) of a ticket with this impact and urgency. */
export function priorityOf(impact: Level, urgency: Level): Priority {
  return PRIORITY_MATRIX[impact - 1][urgency - 1];
}
