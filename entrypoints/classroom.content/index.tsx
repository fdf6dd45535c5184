/**
 * Content script for every classroom.google.com page. Classroom is a single-page app, so it
 * matches broadly, decides from the URL (lib/classroom/page) whether this is a class page, and on
 * each in-app navigation (`wxt:locationchange`) mounts or removes the panel and reads the visible
 * view again (page-reader.ts), passing what it read to the panel.
 */
import './style.css';
import type { Root } from 'react-dom/client';
import { createRoot } from 'react-dom/client';
import { detectPage, isClassPage } from '@/lib/classroom/page';
import { PanelContainer } from './PanelContainer';
import { createPageReader, type PageReadUpdate } from './page-reader';

export default defineContentScript({
  matches: ['https://classroom.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const ui = await createShadowRootUi<Root>(ctx, {
      name: 'sis-export-panel',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      // Closed (WXT's default is open): the page's own JavaScript cannot reach into the panel to
      // read the SIS classes and roster it shows or to press its buttons. Its
      // controls also act only on trusted events (components/panel/trusted.ts).
      mode: 'closed',
      // Classroom has keyboard shortcuts; typing in the panel must not trigger them.
      isolateEvents: true,
      onMount: (container) => createRoot(container),
      onRemove: (root) => root?.unmount(),
    });

    const render = ({ courseId, reading, snapshot }: PageReadUpdate) => {
      if (!ui.mounted) ui.mount();
      // Keyed by course: moving to another class starts the panel afresh, while moving between
      // pages of the same class keeps its state.
      ui.mounted?.render(
        <PanelContainer key={courseId} courseId={courseId} reading={reading} snapshot={snapshot} />,
      );
    };
    const reader = createPageReader(ctx, document, render);

    const show = (url: URL) => {
      const page = detectPage(url);
      if (!isClassPage(page)) {
        reader.stop();
        ui.remove();
        return;
      }
      reader.read(page);
    };

    show(new URL(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => show(newUrl));
  },
});
