import { expect } from '@open-wc/testing';
import { trackingUrl } from './tracking.ts';

const ship = (carrier: string | null, trackingNumber: string | null, url: string | null = null) => ({
  carrier,
  trackingNumber,
  trackingUrl: url,
});

describe('trackingUrl', () => {
  it("keeps the shop's own http(s) link", () => {
    expect(trackingUrl(ship('DHL', '1', 'https://track.example/a?b=1'))).to.equal('https://track.example/a?b=1');
    expect(trackingUrl(ship(null, null, 'http://track.example/x'))).to.equal('http://track.example/x');
  });

  it('never links anything else the shop sent, nor falls back to a carrier page for it', () => {
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '/relative', 'not a url'])
      expect(trackingUrl(ship('DHL', 'JD1', bad)), bad).to.equal(null);
  });

  it("builds a known carrier's page from the tracking number (encoded), whatever the carrier's spelling", () => {
    expect(trackingUrl(ship('DHL', 'JD0146000012345'))).to.equal(
      'https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0146000012345',
    );
    expect(trackingUrl(ship('dhl express', 'JD1'))).to.equal(
      'https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD1',
    );
    expect(trackingUrl(ship('UPS', ' 1Z 999&x=1 '))).to.equal('https://www.ups.com/track?tracknum=1Z%20999%26x%3D1');
    expect(trackingUrl(ship('Royal Mail', 'AB1'))).to.equal(
      'https://www.royalmail.com/track-your-item#/tracking-results/AB1',
    );
    expect(trackingUrl(ship('顺丰', 'SF1'))).to.equal('https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1');
  });

  it('gives null for an unknown carrier or no tracking number', () => {
    expect(trackingUrl(ship('Acme Post', 'AP-1'))).to.equal(null);
    expect(trackingUrl(ship('DHL', null))).to.equal(null);
    expect(trackingUrl(ship('DHL', '  '))).to.equal(null);
    expect(trackingUrl(ship(null, 'JD1'))).to.equal(null);
  });
});
