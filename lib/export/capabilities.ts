/**
 * The one place a OneRoster version becomes what the plan may send: the planner reads these
 * capabilities, never the version, so 1.1 and 1.2 share every planning rule.
 */
import type { OneRosterVersion } from '../oneroster/version';
import type { WireCapabilities } from './plan-types';

const CAPABILITIES: Record<OneRosterVersion, WireCapabilities> = {
  // 1.1 requires a numeric score on every result, has no flags, and line items need neither a
  // school nor (Google's basic sync sends none) a category.
  '1.1': { scorelessResults: false, resultFlags: false, schoolRef: false, categoryRef: false },
  // 1.2: score optional, late/missing flags; `school` and `category` are required on line items
  // (LineItemDType, oneroster-1.2.md §4.1).
  '1.2': { scorelessResults: true, resultFlags: true, schoolRef: true, categoryRef: true },
};

export function capabilitiesFor(version: OneRosterVersion): WireCapabilities {
  return CAPABILITIES[version];
}
