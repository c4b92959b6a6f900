/**
 * A shipment's tracking page. Adapters pass on the backend's own link where it has one (Shopify,
 * BigCommerce, WooCommerce, Medusa); others (Vendure, Saleor, commercetools) know only the carrier and
 * the tracking number, so a few well-known carriers' public tracking pages are built from those.
 */
import type { Shipment } from './commerce.ts';

/** Carrier (lower case, letters and digits only) → its public tracking page for a number. */
const CARRIERS: Record<string, (n: string) => string> = {
  dhl: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}`,
  dhlexpress: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  gls: (n) => `https://gls-group.com/track/${n}`,
  dpd: (n) => `https://tracking.dpd.de/status/en_US/parcel/${n}`,
  royalmail: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  postnl: (n) => `https://jouw.postnl.nl/track-and-trace/${n}`,
  sfexpress: (n) => `https://www.sf-express.com/chn/sc/waybill/waybill-detail/${n}`,
  顺丰: (n) => `https://www.sf-express.com/chn/sc/waybill/waybill-detail/${n}`,
};

/**
 * Where the shopper follows a shipment: the adapter's `trackingUrl` when it is an `https:` or `http:`
 * URL (anything else — `javascript:`, a relative path — is never linked), else the carrier's public
 * tracking page for the tracking number when the carrier is a known one, else null.
 */
export function trackingUrl(shipment: Pick<Shipment, 'carrier' | 'trackingNumber' | 'trackingUrl'>): string | null {
  if (shipment.trackingUrl) {
    try {
      const url = new URL(shipment.trackingUrl);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }
  const number = shipment.trackingNumber?.trim();
  const carrier = CARRIERS[(shipment.carrier ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')];
  return number && carrier ? carrier(encodeURIComponent(number)) : null;
}
