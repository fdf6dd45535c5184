/**
 * Sends one operation to the SIS, once. Retries, journal and progress are the caller's.
 */
import type { OneRosterClient } from '../oneroster/client';
import type { JournalOp } from './journal';
import type { Operation } from './operations';

/** The client calls an export needs (the full OneRosterClient satisfies it). */
export type ExportClient = Pick<OneRosterClient, 'putLineItem' | 'putResult' | 'deleteResult'>;

/** What a successful request did, as the journal records it. */
export type SendOutcome = Pick<JournalOp, 'created' | 'deleted'>;

/** One request for `op`; throws the client's typed error, or the signal's reason on abort. */
export async function sendOperation(
  op: Operation,
  client: ExportClient,
  signal: AbortSignal,
): Promise<SendOutcome> {
  switch (op.kind) {
    case 'put-line-item':
      return { created: (await client.putLineItem(op.lineItem, { signal })).created };
    case 'put-result':
      return { created: (await client.putResult(op.result, { signal })).created };
    case 'delete-result':
      return { deleted: (await client.deleteResult(op.id, { signal })).deleted };
  }
}
