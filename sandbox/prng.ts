/**
 * Seeded pseudo-random numbers. The sandbox never calls Math.random: the same seed must give the
 * same district, the same credentials and the same fault decisions, so demos and benchmarks can
 * be replayed and tests can compare two runs.
 */

export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A fresh array with the items in a seeded random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** Lowercase hex string of the given length. */
  hex(length: number): string;
  /** A UUID with version 4 / variant 1 bits set, so it looks like what clients generate. */
  uuid(): string;
}

/** mulberry32: tiny, fast and good enough for test data (not for secrets worth protecting). */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number) => {
    let out = '';
    while (out.length < length) out += int(0, 15).toString(16);
    return out;
  };
  return {
    next,
    int,
    hex,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
    uuid() {
      const h = hex(32).split('');
      h[12] = '4';
      h[16] = '89ab'[int(0, 3)] as string;
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
