import { expect } from '@open-wc/testing';
import { CATEGORY_SEVERITY, CATEGORIES, issuesToFields, ticketCreateSchema } from './schema.ts';

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

  it('accepts a minimal ticket and trims text', () => {
    const r = ticketCreateSchema.parse({ category: 'damaged', message: ' Box crushed ', contact: { email: 'a@b.co' } });
    expect(r.message).to.equal('Box crushed');
  });

  it('gives every default category a severity', () => {
    for (const c of CATEGORIES) expect(['high', 'medium', 'low']).to.include(CATEGORY_SEVERITY[c]);
  });
});
