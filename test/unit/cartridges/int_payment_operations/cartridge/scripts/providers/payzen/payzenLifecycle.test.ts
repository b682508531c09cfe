import { expect } from 'chai';
import { payzenLifecycle } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/payzen/payzenLifecycle';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(Date.UTC(2026, 11, 6, 12));
const aged = (days: number | null) =>
  ({
    custom: { payzenInitialTransactionDate: days === null ? null : new Date(NOW.getTime() - days * DAY) },
  }) as unknown as dw.order.Order;

describe('providers/payzen/payzenLifecycle: the 180-day window and the 30-day CB guarantee (seed 003)', () => {
  const window = (days: number | null) => payzenLifecycle.capture!.captureWindow!(aged(days), NOW);

  it('debits within 30 days with nothing to say', () => {
    expect(window(0)).to.deep.equal({ refused: null, note: null });
    expect(window(30)).to.deep.equal({ refused: null, note: null });
  });

  it('debits after 30 days, noting that the CB payment guarantee no longer applies', () => {
    const late = window(31);
    expect(late.refused).to.equal(null);
    expect(late.note).to.match(/31 days old: past 30 days, the CB payment guarantee no longer applies/);
  });

  it('refuses after 180 days, before any call, saying why', () => {
    expect(window(180).refused).to.equal(null);
    expect(window(181).refused).to.match(/181 days old: a shipment can only be debited within 180 days/);
  });

  it('says when the date is not known (PayZen checks the limit itself then)', () => {
    expect(window(null)).to.deep.include({ refused: null });
    expect(window(null).note).to.match(/payzenInitialTransactionDate/);
  });
});
