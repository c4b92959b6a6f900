import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode, sendKeys, setViewport } from '@web/test-runner-commands';
import { createNectar, loadMessages, type NectarClient } from '@nectar/core';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import './nps.ts';
import type { NectarNps } from './nps.ts';
import type { NectarFeedbackEvent } from '../events.ts';
import { en } from '../i18n/en.ts';
import { loadCatalog } from '../i18n/index.ts';

const clients: NectarClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await setViewport({ width: 800, height: 600 });
});

function setup(locale = 'en', desk: MemoryDesk = memoryDesk()) {
  const client = createNectar({ desk, storage: 'memory', namespace: unique('nps'), locale });
  clients.push(client);
  return { desk, client };
}

const root = (el: HTMLElement) => el.shadowRoot!;
const part = <T extends Element = HTMLElement>(el: HTMLElement, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const text = (el: HTMLElement, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const choices = (el: HTMLElement) => [...root(el).querySelectorAll<HTMLElement>('[role="radio"]')];
const checked = (el: HTMLElement) => choices(el).findIndex((c) => c.getAttribute('aria-checked') === 'true');
const shown = (el: HTMLElement) => waitUntil(() => part(el, 'base'), 'survey shown');
const focused = (el: HTMLElement) => root(el).activeElement as HTMLElement | null;

async function mount(client: NectarClient, attrs: { surveyId?: string; reviewUrl?: string; force?: boolean } = {}) {
  const el = await fixture<NectarNps>(
    html`<div>
      <button id="before">before</button>
      <nectar-nps
        .client=${client}
        survey-id=${attrs.surveyId ?? 'nps'}
        review-url=${attrs.reviewUrl ?? ''}
        ?force=${attrs.force ?? false}
      ></nectar-nps>
    </div>`,
  );
  return el.querySelector('nectar-nps')!;
}

describe('<nectar-nps>', () => {
  it('is answered with the keyboard only: score, follow-up with review link, thanks — one response', async () => {
    const { desk, client } = setup();
    const el = await mount(client, { reviewUrl: 'https://reviews.example/shop' });
    await shown(el);
    const events: NectarFeedbackEvent[] = [];
    el.addEventListener('nectar-feedback', (e) => events.push(e));

    (el.parentElement!.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' }); // ×
    expect(focused(el)?.getAttribute('part')).to.equal('dismiss-button');
    await sendKeys({ press: 'Tab' }); // the radio group: one tab stop
    expect(focused(el)?.dataset.score).to.equal('0');
    for (let i = 0; i < 8; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(checked(el)).to.equal(9);
    expect(focused(el)?.dataset.score).to.equal('9');
    expect(choices(el).filter((c) => c.tabIndex === 0)).to.have.length(1);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' }); // sends the score
    await waitUntil(() => part(el, 'comment'), 'follow-up shown');
    expect(events.map((e) => e.detail.score)).to.deep.equal([9]);
    expect(desk.feedback()).to.have.length(1);
    expect(text(el, 'question')).to.contain(en.nps.promoter);
    expect(focused(el)?.getAttribute('part')).to.equal('comment');
    const link = part<HTMLAnchorElement>(el, 'review-link')!;
    expect(link.href).to.equal('https://reviews.example/shop');
    expect(link.target).to.equal('_blank');
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'Quick delivery' });
    await sendKeys({ press: 'Tab' }); // review link
    await sendKeys({ press: 'Tab' }); // send
    expect(focused(el)?.getAttribute('part')).to.equal('send-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el, 'question') === en.nps.thanks, 'thanks shown');
    expect(focused(el)?.getAttribute('part')).to.equal('question');
    expect(events.map((e) => [e.detail.score, e.detail.comment, e.detail.state])).to.deep.equal([
      [9, undefined, 'sent'],
      [9, 'Quick delivery', 'sent'],
    ]);
    expect(events[1]!.detail.response!.id).to.equal(events[0]!.detail.response!.id);
    expect(desk.feedback()).to.have.length(1);
    expect(desk.feedback()[0]).to.include({ score: 9, comment: 'Quick delivery', surveyId: 'nps' });
    await expect(el).to.be.accessible();
  });

  it('names the group and the ends for screen readers', async () => {
    const { client } = setup();
    const el = await mount(client);
    await shown(el);
    const snapshot = await a11ySnapshot({});
    // The survey is a region named by its question (Chromium's snapshot leaves the group itself out).
    const region = findAccessibilityNode<{ role: string; name: string }>(snapshot as never, (n) => n.role === 'region');
    expect(region?.name).to.equal(en.nps.question);
    const group = part(el, 'scale')!;
    expect(group.getAttribute('role')).to.equal('radiogroup');
    expect(root(el).getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal(en.nps.question);
    const radios: { name: string }[] = [];
    findAccessibilityNode<{ role: string; name: string }>(snapshot as never, (n) => {
      if (n.role === 'radio') radios.push(n);
      return false;
    });
    expect(radios.map((r) => r.name)).to.deep.equal([
      en.nps.lowName(0),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(String),
      en.nps.highName(10),
    ]);
    const help = root(el).getElementById('scale-help')!;
    expect(part(el, 'scale')!.getAttribute('aria-describedby')).to.contain('scale-help');
    expect(help.textContent).to.equal(en.nps.scale);
  });

  it('asks what went wrong (0–6) or what would make it better (7–8), without a review link', async () => {
    for (const [score, question] of [
      [6, en.nps.detractor],
      [7, en.nps.passive],
      [8, en.nps.passive],
      [0, en.nps.detractor],
    ] as const) {
      const { client } = setup();
      const el = await mount(client, { reviewUrl: 'https://reviews.example/' });
      await shown(el);
      choices(el)[score]!.click();
      part<HTMLButtonElement>(el, 'next-button')!.click();
      await waitUntil(() => part(el, 'comment'), 'follow-up shown');
      expect(text(el, 'question')).to.contain(question);
      expect(part(el, 'review-link')).to.equal(null);
    }
  });

  it('asks for a score when Next is pressed without one', async () => {
    const { desk, client } = setup();
    const el = await mount(client);
    await shown(el);
    part<HTMLButtonElement>(el, 'next-button')!.click();
    await waitUntil(() => root(el).getElementById('score-hint'), 'hint shown');
    expect(root(el).getElementById('score-hint')!.textContent).to.equal(en.nps.chooseScore);
    expect(part(el, 'scale')!.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(el)?.dataset.score).to.equal('0');
    expect(desk.calls.sendFeedback).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows only when shouldAsk allows: not after an answer, not a second survey in a session; force shows', async () => {
    const { client } = setup();
    const first = await mount(client, { surveyId: unique('survey') });
    await shown(first);
    choices(first)[4]!.click();
    part<HTMLButtonElement>(first, 'next-button')!.click();
    await waitUntil(() => part(first, 'comment'), 'answered');

    const again = await mount(client, { surveyId: first.surveyId });
    const other = await mount(client, { surveyId: unique('survey') });
    await new Promise((r) => setTimeout(r, 100));
    expect(part(again, 'base')).to.equal(null);
    expect(part(other, 'base')).to.equal(null);
    const forced = await mount(client, { surveyId: first.surveyId, force: true });
    await shown(forced);
  });

  it('closes with ×, and "don’t ask again" is remembered', async () => {
    const { client } = setup();
    const el = await mount(client);
    await shown(el);
    setTimeout(() => part<HTMLButtonElement>(el, 'dismiss-button')!.click());
    await oneEvent(el, 'nectar-close');
    expect(part(el, 'base')).to.equal(null);
    expect((await client.feedback.state('nps'))?.dismissedAt).to.be.a('number');

    const survey = unique('survey');
    const el2 = await mount(client, { surveyId: survey, force: true });
    await shown(el2);
    part<HTMLButtonElement>(el2, 'never-button')!.click();
    await waitUntil(() => !part(el2, 'base'), 'closed');
    expect((await client.feedback.state(survey))?.never).to.equal(true);
    expect(await client.feedback.shouldAsk(survey, { recontactDays: 0, oncePerSession: false })).to.equal(false);
  });

  it('says when the answer waits offline, and shows an error it can retry', async () => {
    const { desk, client } = setup('en', memoryDesk({ offline: true }));
    const el = await mount(client);
    await shown(el);
    choices(el)[10]!.click();
    part<HTMLButtonElement>(el, 'next-button')!.click();
    await waitUntil(() => part(el, 'skip-button'), 'follow-up shown');
    part<HTMLButtonElement>(el, 'skip-button')!.click();
    await waitUntil(() => text(el, 'message') === en.nps.queued, 'queued note');
    await expect(el).to.be.accessible();
    desk.simulate({ offline: false });
    await client.flush();
    expect(desk.feedback()).to.have.length(1);

    // A desk that refuses feedback: the error is shown, nothing is lost from the screen.
    const refusing = memoryDesk();
    const c2 = createNectar({
      desk: { ...refusing, capabilities: { ...refusing.capabilities, feedback: false } },
      storage: 'memory',
      namespace: unique('nps'),
    });
    clients.push(c2);
    const failed = await mount(c2, { force: true });
    await shown(failed);
    choices(failed)[5]!.click();
    part<HTMLButtonElement>(failed, 'next-button')!.click();
    await waitUntil(() => root(failed).querySelector('[role="alert"]'), 'error shown');
    expect(root(failed).querySelector('[role="alert"]')!.textContent).to.contain(en.nps.error);
    expect(checked(failed)).to.equal(5);
    await expect(failed).to.be.accessible();
  });

  it('fits a 320 px phone: two rows, no sideways scroll, big enough targets; slide-in too', async () => {
    await setViewport({ width: 320, height: 640 });
    const { client } = setup();
    for (const variant of ['inline', 'slide-in']) {
      const el = await fixture<NectarNps>(
        html`<nectar-nps .client=${client} force variant=${variant} survey-id=${unique('s')}></nectar-nps>`,
      );
      await shown(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      const boxes = choices(el).map((c) => c.getBoundingClientRect());
      expect(new Set(boxes.map((b) => Math.round(b.top))).size).to.equal(2);
      for (const b of boxes) {
        expect(b.right).to.be.at.most(320);
        expect(b.left).to.be.at.least(0);
        expect(b.height).to.be.at.least(44);
        expect(b.width).to.be.at.least(36);
      }
      await expect(el).to.be.accessible();
    }
  });

  it('speaks Simplified Chinese', async () => {
    await loadMessages('zh-CN');
    const zh = await loadCatalog('zh-CN');
    const { client } = setup('zh-CN');
    const el = await mount(client);
    await shown(el);
    expect(text(el, 'question')).to.equal(zh.nps.question);
    expect(text(el, 'ends')).to.contain(zh.nps.low).and.contain(zh.nps.high);
    expect(choices(el)[0]!.getAttribute('aria-label')).to.equal(zh.nps.lowName(0));
    expect(part(el, 'base')!.getAttribute('lang')).to.equal('zh-CN');
    await expect(el).to.be.accessible();
  });
});
