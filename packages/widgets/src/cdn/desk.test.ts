import { expect } from '@open-wc/testing';
import { httpDesk } from '@nectar/adapters/http';
import { isNetworkError } from '@nectar/core/errors';
import { HTTP_CAPABILITIES, lazyHttpDesk } from './desk.ts';

const options = { endpoint: 'https://help.example', siteKey: 'pk_test', retry: 0 };

describe('the CDN client desk (httpDesk, imported on first use)', () => {
  it('has the shape and capabilities of httpDesk', () => {
    const real = httpDesk(options);
    const lazy = lazyHttpDesk(options);
    expect(lazy.name).to.equal(real.name);
    expect(lazy.capabilities).to.deep.equal(real.capabilities);
    expect(HTTP_CAPABILITIES).to.deep.equal(real.capabilities);
    const methods = (d: object) =>
      Object.entries(d)
        .filter(([, v]) => typeof v === 'function')
        .map(([k]) => k)
        .sort();
    expect(methods(lazy)).to.deep.equal(methods(real));
  });

  it('refuses the options httpDesk refuses', () => {
    expect(() => lazyHttpDesk({ endpoint: 'https://help.example', siteKey: '' })).to.throw(TypeError);
  });

  it('calls through to httpDesk, with the shopper identified before it was loaded', async () => {
    const seen: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request);
      return Response.json({ tickets: [] });
    };
    const desk = lazyHttpDesk({ ...options, fetch });
    desk.identify?.({ id: 'u1', hash: 'abc' });
    expect(await desk.listTickets!()).to.deep.equal([]);
    expect(seen.length).to.equal(1);
    expect(seen[0]!.headers.get('X-Nectar-User')).to.equal('u1');
  });

  it('rejects as a NetworkError (the outbox keeps the write) when the service is unreachable', async () => {
    const fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const desk = lazyHttpDesk({ ...options, fetch });
    const error = await desk.getTicket('t1', 'token').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isNetworkError(error)).to.equal(true);
  });
});
