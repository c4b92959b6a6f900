import { expect } from '@open-wc/testing';
import { memoryDesk } from '@nectar/adapters/memory';
import { createEmitter } from './emitter.ts';
import { createNectar, isValidationError } from './index.ts';

describe('emitter', () => {
  it('delivers typed events and unsubscribes', () => {
    const e = createEmitter<{ a: { n: number }; b: string }>();
    const seen: unknown[] = [];
    const off = e.on('a', ({ n }) => seen.push(n));
    e.on('b', (s) => seen.push(s));
    e.emit('a', { n: 1 });
    e.emit('b', 'x');
    off();
    e.emit('a', { n: 2 });
    expect(seen).to.deep.equal([1, 'x']);
    expect(e.listenerCount('a')).to.equal(0);
  });

  it('keeps calling the other handlers when one throws', () => {
    const e = createEmitter<{ a: number }>();
    const seen: number[] = [];
    const error = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      e.on('a', () => {
        throw new Error('boom');
      });
      e.on('a', (n) => seen.push(n));
      e.emit('a', 7);
    } finally {
      console.error = error;
    }
    expect(seen).to.deep.equal([7]);
    expect(logged).to.have.length(1);
  });

  it('lets a handler unsubscribe itself while the event is delivered', () => {
    const e = createEmitter<{ a: number }>();
    const seen: string[] = [];
    const off = e.on('a', () => {
      seen.push('once');
      off();
    });
    e.on('a', () => seen.push('always'));
    e.emit('a', 1);
    e.emit('a', 2);
    expect(seen).to.deep.equal(['once', 'always', 'always']);
  });
});

describe('identify', () => {
  it('emits identify, fills the contact from the user, and validates it', async () => {
    const desk = memoryDesk();
    const nectar = createNectar({ desk, storage: 'memory' });
    try {
      const users: unknown[] = [];
      nectar.on('identify', ({ user }) => users.push(user));
      nectar.identify({ id: 'u1', email: 'bo@example.com', name: 'Bo' });
      expect(nectar.user).to.deep.equal({ id: 'u1', email: 'bo@example.com', name: 'Bo' });
      const result = await nectar.tickets.submit({ category: 'other', message: 'Hi' });
      expect(result.state).to.equal('sent');
      expect(() => nectar.identify({ email: 'nope' }))
        .to.throw()
        .that.satisfies(isValidationError);
      nectar.reset();
      expect(users).to.deep.equal([{ id: 'u1', email: 'bo@example.com', name: 'Bo' }, undefined]);
      const error = await nectar.tickets.submit({ category: 'other', message: 'Hi' }).catch((e) => e);
      expect(error.fields).to.deep.equal({ 'contact.email': 'required' });
    } finally {
      nectar.destroy();
    }
  });
});
