import { Level, priorityOf } from '../../../functions/ticketing';

describe('priority matrix', () => {
  const matrix: [Level, Level, number][] = [
    [1, 1, 1],
    [1, 2, 2],
    [1, 3, 3],
    [2, 1, 2],
    [2, 2, 3],
    [2, 3, 4],
    [3, 1, 3],
    [3, 2, 4],
    [3, 3, 5],
  ];

  it.each(matrix)('gives impact %i × urgency %i priority %i', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority);
  });
});
