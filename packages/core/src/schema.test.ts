import { expect } from '@open-wc/testing';
import {
  CATEGORY_SEVERITY,
  CATEGORIES,
  eventBatchSchema,
  feedbackCreateSchema,
  issuesToFields,
  ticketCreateSchema,
} from './schema.ts';

describe('ticketCreateSchema', () => {
  it('names every bad field with a stable reason', () => {
    const r = ticketCreateSchema.safeParse({ category: 'nope', message: '   ', contact: { email: 'x' }, phone: '1' });
    expect(r.success).to.equal(false);
    expect(issuesToFields(r.error!.issues)).to.deep.equal({
      category: 'invalid_choice',
      message: 'required',
      'contact.email': 'invalid_email',
      phone: 'unknown_field',
    });
  });

  it('refuses control characters (U+0000 and the rest of C0 but tab and newlines) in every text field', () => {
    const r = ticketCreateSchema.safeParse({
      category: 'other',
      message: 'broken\u0000',
      subject: 'a\u0007b',
      contact: { email: 'a@b.co', name: '\u001b[31m' },
      context: { url: 'https://shop.example/\u0000' },
    });
    expect(r.success).to.equal(false);
    expect(issuesToFields(r.error!.issues)).to.deep.equal({
      message: 'control_character',
      subject: 'control_character',
      'contact.name': 'control_character',
      'context.url': 'control_character',
    });
    const nps = feedbackCreateSchema.safeParse({ kind: 'nps', score: 9, comment: 'ok\u0000' });
    expect(issuesToFields(nps.error!.issues)).to.deep.equal({ comment: 'control_character' });
    const events = eventBatchSchema.safeParse({ events: [{ name: 'x', props: { q: 'a\u007f' } }] });
    expect(issuesToFields(events.error!.issues)).to.deep.equal({ 'events.0.props.q': 'control_character' });
    const surrogate = ticketCreateSchema.safeParse({
      category: 'other',
      message: 'a\ud800b',
      contact: { email: 'a@b.co' },
    });
    expect(issuesToFields(surrogate.error!.issues)).to.deep.equal({ message: 'control_character' });
    const proto = ticketCreateSchema.safeParse(
      JSON.parse('{"category":"other","message":"m","contact":{"email":"a@b.co"},"__proto__":1}'),
    );
    expect(JSON.stringify(issuesToFields(proto.error!.issues))).to.equal('{"__proto__":"unknown_field"}');
    const multiline = ticketCreateSchema.parse({
      category: 'other',
      message: 'line 1\r\n\tline 2 \ud83d\ude00',
      contact: { email: 'a@b.co' },
    });
    expect(multiline.message).to.equal('line 1\r\n\tline 2 \ud83d\ude00');
  });

  it('accepts a minimal ticket and trims text', () => {
    const r = ticketCreateSchema.parse({ category: 'damaged', message: ' Box crushed ', contact: { email: 'a@b.co' } });
    expect(r.message).to.equal('Box crushed');
  });

  it('gives every default category a severity', () => {
    for (const c of CATEGORIES) expect(['high', 'medium', 'low']).to.include(CATEGORY_SEVERITY[c]);
  });
});
