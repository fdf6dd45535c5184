/**
 * The panel's shadow root is closed (issue #11 M2), and Playwright pierces only open ones
 * (microsoft/playwright#23047). The tests reach it the way DevTools does: the DevTools protocol's
 * DOM domain sees closed roots, and for each panel host this defines `shadowRoot` on that one
 * element in the worlds asked for: Playwright's utility world (where locators look) and, unless
 * left out, the page's main world (where `evaluate`, `evaluateAll` and axe run). The extension is
 * untouched; the security test leaves the main world out, so the page's own script sees the
 * panel as it really is.
 */
import type { CDPSession, Page } from 'playwright-core';

export type World = 'main' | 'utility';

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
}
interface ExecutionContext {
  id: number;
  name: string;
  auxData?: { isDefault?: boolean; frameId?: string };
}

/** The closed shadow roots of `hostName` elements in the (flattened) tree. */
function closedRoots(node: DomNode, hostName: string, found: number[] = []): number[] {
  for (const root of node.shadowRoots ?? []) {
    if (node.nodeName.toLowerCase() === hostName && root.shadowRootType === 'closed') {
      found.push(root.backendNodeId);
    }
    closedRoots(root, hostName, found);
  }
  for (const child of node.children ?? []) closedRoots(child, hostName, found);
  return found;
}

/** The main frame's execution contexts of `worlds`. */
async function worldsOf(cdp: CDPSession, worlds: World[]) {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as {
    frameTree: { frame: { id: string } };
  };
  const frameId = frameTree.frame.id;
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable'); // replays every existing context as an event
  return contexts.filter(
    (c) =>
      c.auxData?.frameId === frameId &&
      ((worlds.includes('main') && c.auxData?.isDefault === true) ||
        (worlds.includes('utility') && c.name.startsWith('__playwright_utility_world'))),
  );
}

/** Reveals every closed root of a `hostName` element on the page now, in `worlds`. */
export async function revealShadowRoots(page: Page, hostName: string, worlds: World[]) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const roots = closedRoots(root, hostName);
    if (roots.length === 0) return;
    for (const world of await worldsOf(cdp, worlds)) {
      for (const backendNodeId of roots) {
        const { object } = await cdp.send('DOM.resolveNode', {
          backendNodeId,
          executionContextId: world.id,
        });
        await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId ?? '',
          functionDeclaration: `function () {
            const root = this;
            Object.defineProperty(root.host, 'shadowRoot', { get: () => root, configurable: true });
          }`,
        });
      }
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * Reveals each `hostName` element's closed root whenever one is attached to the page (from the
 * next navigation on). Locators wait, so the short delay before it is revealed does not matter.
 */
export async function keepRevealingShadowRoots(page: Page, hostName: string, worlds: World[]) {
  const binding = `__e2eRevealShadowRoots_${hostName.replaceAll('-', '_')}`;
  await page.exposeBinding(binding, () => revealShadowRoots(page, hostName, worlds));
  await page.addInitScript(
    ({ binding, hostName }) => {
      new MutationObserver((records) => {
        const attached = records.some((record) =>
          [...record.addedNodes].some((node) => node.nodeName.toLowerCase() === hostName),
        );
        const reveal = (globalThis as unknown as Record<string, () => Promise<void>>)[binding];
        if (attached) void reveal?.();
      }).observe(document, { childList: true, subtree: true });
    },
    { binding, hostName },
  );
}
