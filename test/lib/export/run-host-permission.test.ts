/**
 * The SIS host permission taken back mid-export (issue #11, L4). Without it every request fails
 * like a network error (Chrome's CORS refusal), and the engine used to retry them for minutes
 * (71 useless preflights) before recording "SIS unavailable". On a network failure it now asks
 * whether the permission is still there and, if not, stops at once, saying why.
 */
import { describe, expect, it } from 'vitest';
import { engineRig, makeOperations, sisError } from './engine-fixtures';

const ORIGIN = 'https://sis.example.org';
const REVOKED_AT = 40; // the call during which the permission is taken back

/** A host permission the test can take back, counting how often the engine asks. */
function permission() {
  const state = { granted: true, checks: 0 };
  return {
    state,
    hostPermission: {
      origins: [ORIGIN],
      isGranted: async () => {
        state.checks++;
        return state.granted;
      },
    },
  };
}

describe('the SIS host permission taken back mid-export', () => {
  it.each([1, 4, 8])(
    'stops at once (concurrency %i), sends no more than what was in flight, and says why',
    async (concurrency) => {
      const rig = engineRig();
      const { state, hostPermission } = permission();
      // From the revoke on, every request fails as a CORS refusal does: a network error.
      rig.fake.setRule((call) => {
        if (call.seq === REVOKED_AT) state.granted = false;
        return state.granted ? undefined : { error: sisError.network() };
      });
      const summary = await rig.run(makeOperations(5, 40), { concurrency, hostPermission });

      const afterRevoke = rig.fake.calls.filter((call) => call.seq >= REVOKED_AT);
      // The request that met the revoke, and at most the others already sent or in flight.
      expect(afterRevoke.length).toBeGreaterThanOrEqual(1);
      expect(afterRevoke.length).toBeLessThanOrEqual(concurrency);
      expect(afterRevoke.every((call) => call.attempt === 1)).toBe(true);
      expect(summary.state).toBe('stopped');
      expect(summary.stop).toEqual({
        code: 'host-permission-missing',
        message: `This browser no longer allows the extension to reach ${ORIGIN}, so the export stopped; nothing more was sent. Ask your admin to open the extension's options and click Authorize again, then export again to send the rest.`,
      });
      // Nothing written off: whatever was not sent stays pending, to be sent once allowed.
      expect(summary.failed).toEqual([]);
      expect(summary.created + summary.pending).toBe(205);
      expect(state.checks).toBeGreaterThanOrEqual(1);
    },
  );

  it('retries a network error as before while the permission is still there', async () => {
    const rig = engineRig();
    const { state, hostPermission } = permission();
    rig.fake.script('r-1-3', { error: sisError.network() }, { error: sisError.network() });
    const summary = await rig.run(makeOperations(2, 5), { hostPermission });
    expect(summary).toMatchObject({ state: 'completed', created: 12, failed: [] });
    expect(state.checks).toBe(2);
  });
});
