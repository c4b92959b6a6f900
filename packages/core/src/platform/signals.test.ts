import { expect, waitUntil } from '@open-wc/testing';
import { browserSignals, type SignalSink } from './signals.ts';

/** What the page told the sink. */
function recorder() {
  const heard: string[] = [];
  const sink: SignalSink = {
    navigate: (path) => heard.push(`navigate ${path}`),
    scroll: (percent) => heard.push(`scroll ${percent}`),
    exitIntent: () => heard.push('exit'),
    activity: () => heard.push('activity'),
    hide: () => heard.push('hide'),
  };
  return { heard, sink };
}

describe('browserSignals: what the nudge engine hears from a real page', () => {
  const start = location.pathname + location.search;
  let stop: (() => void) | undefined;
  let tall: HTMLElement | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    tall?.remove();
    tall = undefined;
    history.replaceState(null, '', start);
    scrollTo(0, 0);
  });

  it('hears a single-page app navigate (pushState, replaceState, back), once per change of path', async () => {
    const signals = browserSignals();
    const { heard, sink } = recorder();
    stop = signals.listen(sink);
    history.pushState(null, '', '/returns/new?order=1');
    await waitUntil(() => heard.includes('navigate /returns/new?order=1'));
    expect(signals.path()).to.equal('/returns/new?order=1');
    history.replaceState(null, '', '/returns/new?order=1');
    history.replaceState(null, '', '/faq');
    await waitUntil(() => heard.includes('navigate /faq'));
    // Back: to the page before the pushed entry (the replaced one was the pushed entry itself).
    history.back();
    await waitUntil(() => heard.length >= 3);
    expect(heard).to.deep.equal(['navigate /returns/new?order=1', 'navigate /faq', `navigate ${start}`]);
  });

  it('measures scroll depth, and counts scrolling and keys as activity', async () => {
    tall = document.createElement('div');
    tall.style.height = '5000px';
    document.body.append(tall);
    const { heard, sink } = recorder();
    stop = browserSignals().listen(sink);
    scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2);
    await waitUntil(() => heard.some((h) => h.startsWith('scroll ')));
    const percent = Number(heard.find((h) => h.startsWith('scroll '))!.slice(7));
    expect(percent).to.be.within(48, 52);
    expect(heard).to.include('activity');
    heard.length = 0;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(heard).to.deep.equal(['activity']);
  });

  it('exit intent: the pointer leaving through the top of the window, with a fine pointer only', () => {
    const { heard, sink } = recorder();
    stop = browserSignals().listen(sink);
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: 200, relatedTarget: null }));
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -2, relatedTarget: null }));
    const fine = matchMedia('(pointer: fine)').matches;
    expect(heard.filter((h) => h === 'exit')).to.have.length(fine ? 1 : 0);
  });

  it('the page being hidden flushes; stopping removes every listener', () => {
    const { heard, sink } = recorder();
    const off = browserSignals().listen(sink);
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(heard).to.deep.equal(['hide']);
    off();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    history.pushState(null, '', '/after-stop');
    expect(heard).to.deep.equal(['hide']);
  });
});
