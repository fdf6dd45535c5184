/**
 * The writes an export sends, as the planner produces them and the engine executes them.
 * Every id is deterministic (ids.ts), so executing an operation twice — a retry, a resumed
 * export after the service worker was stopped — updates the same SIS resource, never a new one.
 */
import type { LineItemToPut, ResultToPut } from '../oneroster/schemas';

export type Operation =
  | {
      kind: 'put-line-item';
      /** The line item's sourcedId. */
      id: string;
      courseworkId: string;
      lineItem: LineItemToPut;
    }
  | {
      kind: 'put-result';
      /** The result's sourcedId. */
      id: string;
      courseworkId: string;
      studentKey: string;
      lineItemId: string;
      result: ResultToPut;
    }
  | {
      kind: 'delete-result';
      /** The result's sourcedId. */
      id: string;
      courseworkId: string;
      studentKey: string;
      lineItemId: string;
    };

export type OperationKind = Operation['kind'];

/** Line items first: a result may only be written once its line item exists in the SIS. */
export const PHASE_OF: Record<OperationKind, 'line-items' | 'grades'> = {
  'put-line-item': 'line-items',
  'put-result': 'grades',
  'delete-result': 'grades',
};
