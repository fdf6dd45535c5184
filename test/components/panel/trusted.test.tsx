// @vitest-environment happy-dom
/**
 * The panel acts only on the teacher's own clicks and keys (issue #11 M2): events page script
 * dispatches, or `.click()`s it makes, are untrusted. happy-dom's events carry no `isTrusted` at
 * all (absent counts as untrusted); support/render marks a test's user events trusted.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportProgressSection } from '@/components/panel/ExportProgressSection';
import { LinkClass } from '@/components/panel/LinkClass';
import { StudentMatching } from '@/components/panel/StudentMatching';
import { stayOnPage, trusted } from '@/components/panel/trusted';
import { asUser, button, click, render } from '../../support/render';

afterEach(() => {
  document.body.innerHTML = '';
});

/** What page script can do to an element it holds: dispatch any event, or call click(). */
function asPageScript(element: Element, event: Event | 'click()') {
  act(() => {
    if (event === 'click()') (element as HTMLElement).click();
    else element.dispatchEvent(event);
  });
}

describe('trusted', () => {
  it('runs the handler for a trusted event only', () => {
    const handler = vi.fn();
    const wrapped = trusted(handler);
    const untrusted = new Event('click');
    Object.defineProperty(untrusted, 'isTrusted', { value: false });
    wrapped({ nativeEvent: untrusted } as never);
    wrapped({ nativeEvent: new Event('click') } as never); // happy-dom: no isTrusted at all
    expect(handler).not.toHaveBeenCalled();
    wrapped({ nativeEvent: asUser(new Event('click')) } as never);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('happy-dom’s own events have no isTrusted, as the comment above relies on', () => {
    expect(new MouseEvent('click').isTrusted).toBeUndefined();
  });

  it('a form’s submit never navigates', () => {
    const event = { preventDefault: vi.fn() };
    stayOnPage(event as never);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('the panel’s controls ignore page script', () => {
  it('Find: a script click(), a dispatched click, a submit or Enter do nothing; the user’s click finds', () => {
    const onFind = vi.fn();
    const { container } = render(
      <LinkClass
        accountEmail="t@school.example"
        overrideAllowed={false}
        search={{ state: 'idle' }}
        linking={false}
        onFind={onFind}
        onLink={vi.fn()}
      />,
    );
    const find = button(container, 'Find my classes');
    const form = container.querySelector('form');
    const email = container.querySelector('input');
    if (!find || !form || !email) throw new Error('no form');
    asPageScript(find, 'click()');
    asPageScript(find, new MouseEvent('click', { bubbles: true }));
    asPageScript(form, new Event('submit', { bubbles: true, cancelable: true }));
    asPageScript(email, new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onFind).not.toHaveBeenCalled();
    click(find);
    expect(onFind).toHaveBeenCalledWith('t@school.example');
  });

  it('a student pick changed by script is not saved; the user’s pick is', () => {
    const onMatch = vi.fn();
    const { container } = render(
      <StudentMatching
        students={{
          matched: [],
          unmatched: [{ key: 's1', reason: 'no-match', candidates: [] }],
          sisStudents: [{ sourcedId: 'u1', name: 'Ann Lee', email: 'ann@school.example' }],
        }}
        names={{ s1: 'Ann Lee' }}
        onMatch={onMatch}
        onAutomatic={vi.fn()}
      />,
    );
    const select = container.querySelector('select');
    if (!select) throw new Error('no select');
    select.value = 'u1';
    asPageScript(select, new Event('change', { bubbles: true }));
    expect(onMatch).not.toHaveBeenCalled();
    select.value = 'u1';
    act(() => {
      select.dispatchEvent(asUser(new Event('change', { bubbles: true })));
    });
    expect(onMatch).toHaveBeenCalledWith('s1', 'u1');
  });

  it('Cancel export ignores a script’s click', () => {
    const onCancel = vi.fn();
    const { container } = render(
      <ExportProgressSection resuming={false} cancelling={false} onCancel={onCancel} />,
    );
    const cancel = button(container, 'Cancel export');
    if (!cancel) throw new Error('no Cancel');
    asPageScript(cancel, 'click()');
    expect(onCancel).not.toHaveBeenCalled();
    click(cancel);
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
