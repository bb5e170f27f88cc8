import { Logger } from '@aws-lambda-powertools/logger';
import type { AppLogger } from '../ticketing/http/types';

/** Structured JSON logs through Powertools' logger, in the shape the app writes them. */
export function powertoolsLog(logger: Logger): AppLogger {
  return {
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}
