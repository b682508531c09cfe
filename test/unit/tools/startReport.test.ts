/** What npm start prints: within 100 columns whatever the messages, and which providers are not built yet. */
import { expect } from 'chai';
import type { RuntimeState } from '../../../tools/runtime/instance/loadInstance';
import { displayWidth } from '../../../tools/textWidth';
import type { InstanceFile } from '../../../tools/runtime/instance/types';
import type { JobResult } from '../../../tools/runtime/jobs/jobRunner';
import {
  operationsTable,
  orderProvider,
  payzenDebitsLine,
  payzenIpnLine,
  payzenTable,
  resultTable,
  shortUuid,
  stepMessage,
  wrapText,
} from '../../../tools/startReport';

const SOURCE = {
  sites: [
    {
      id: 'RefArch',
      orders: [
        { orderNo: '1001', custom: { almaPaymentId: 'p1', ALMA_Deferred_Capture: 'ToCapture' } },
        { orderNo: '1002', custom: { monextSessionID: 's2' } },
        { orderNo: '1003', paymentInstruments: [{ paymentMethod: 'PAYZEN', amount: '1.00' }] },
      ],
    },
    {
      id: 'RefArchJP',
      currency: 'JPY',
      orders: [
        { orderNo: '2001', custom: { komojuPaymentId: 'k1' } },
        { orderNo: '2002', custom: { komojuPaymentId: 'k2' } },
      ],
    },
  ],
} as unknown as InstanceFile;

const NOTHING = '0 selected: 0 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped; 0 provider calls';
const LONG = 'The provider answered something long. '.repeat(12);
const WORD = 'capture_' + 'x'.repeat(150);
const JAPANESE = '2026-12-05 12:00:00 UTC — アルマでのキャプチャに失敗しました。'.repeat(6);

function step(siteId: string | null, stepId: string, exitCode: string, message: string | null) {
  return { siteId, stepId, status: 'OK', exitCode, durationMs: 123456, message };
}

/** The table's text without borders and white space: what a reader can piece together. */
function squashed(text: string): string {
  return text.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, '');
}

/** One column's text, top to bottom, without white space, from the lines that have `columns` cells. */
function column(text: string, columns: number, index: number): string {
  return text
    .split('\n')
    .map((line) => line.split('│'))
    .filter((cells) => cells.length === columns + 2)
    .map((cells) => cells[index + 1]!.replace(/\s/g, ''))
    .join('');
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

describe('npm start report (tools/startReport)', () => {
  it('keeps every job table within 100 columns: long messages, unbroken words, CJK text, long exit codes', () => {
    const results = [
      {
        jobId: 'PaymentOperations-CheckConfiguration',
        status: 'OK',
        durationMs: 5,
        steps: [
          step('RefArch', 'CheckConfiguration', 'CONFIGURATION_WARNINGS', LONG),
          step('RefArchJP', 'AVeryLongStepIdentifierThatGoesOnAndOn', 'RETRY_PENDING', JAPANESE),
          step(null, 'Report', 'OK', WORD),
        ],
      },
    ] as unknown as JobResult[];
    const text = resultTable(results);
    expect(widest(text)).to.be.at.most(100);
    expect(text).to.contain('│ CONFIGURATION_WARNINGS │');
    expect(text, 'a cell was truncated').to.not.contain('…');
    expect(column(text, 5, 1)).to.contain('AVeryLongStepIdentifierThatGoesOnAndOn');
    expect(column(text, 5, 4))
      .to.contain(WORD)
      .and.to.contain(JAPANESE.replace(/\s/g, ''));
  });

  it('keeps the Alma orders table within 100 columns, with the result on a full-width line', () => {
    const orders = Array.from({ length: 3 }, (_, i) => ({
      orderNo: `0000${i}-with-a-long-number`,
      custom: { almaPaymentId: `p${i}`, ALMA_Deferred_Capture: 'ToCapture', payopsRefundStatus: 'PartiallyRefunded' },
    }));
    const source = { sites: [{ id: 'SiteWithALongIdentifier', currency: 'EUR', orders }] } as unknown as InstanceFile;
    const after = new Map(
      orders.map((o, i) => [
        o.orderNo,
        {
          custom: {
            ALMA_Deferred_Capture: 'Captured',
            payopsCancelStatus: 'Cancelled',
            payopsRefundStatus: 'Refunded',
            payopsCapturedAmount: 1234567.89,
            payopsRefundedAmount: 1234567.89,
            payopsReason: [LONG, WORD, JAPANESE][i],
          },
        },
      ]),
    );
    const state = { sites: new Map([['SiteWithALongIdentifier', { orders: after }]]) } as unknown as RuntimeState;
    const text = operationsTable(source, state);
    expect(widest(text)).to.be.at.most(100);
    expect(text).to.match(/│ Result: The provider answered something long\./);
    expect(text, 'a cell was truncated').to.not.contain('…');
    expect(column(text, 7, 0)).to.contain('SiteWithALongIdentifier');
    expect(column(text, 7, 1)).to.contain('00000-with-a-long-number');
    expect(column(text, 7, 4)).to.contain('PartiallyRefunded→Refunded');
    expect(column(text, 7, 5)).to.contain('€1,234,567.89');
    expect(squashed(text)).to.contain(WORD);
  });

  it('names a job run by its title when given one (a job run once per shipment)', () => {
    const run = { jobId: 'PaymentOperations-PayzenShipments', status: 'OK', durationMs: 5, steps: [] };
    const other = { ...run, jobId: 'komojuCancelProcess' };
    const results = [run, other] as unknown as JobResult[];
    const text = resultTable(results, new Map([[results[0]!, 'PaymentOperations-PayzenShipments, run 1 of 3']]));
    expect(text).to.match(/^PaymentOperations-PayzenShipments, run 1 of 3: OK in 5 ms\n/);
    expect(text).to.contain('\n\nkomojuCancelProcess: OK in 5 ms\n');
  });

  describe('PayZen/Lyra payment on shipment (seed 003)', () => {
    const uuid = (digit: string) => digit.repeat(32);
    /** An order of three shipments after the runs: `captured` of them debited. */
    function payzenState(orderNo: string, captured: number, shipmentIds = ['p1', 'p2', 'p3']) {
      const prices = [35, 25, 14.12];
      return {
        orderNo,
        currencyCode: 'EUR',
        shipments: shipmentIds.map((id, i) => ({
          id,
          shippingGrossPrice: 0,
          custom:
            i < captured
              ? {
                  payopsCaptureStatus: 'Captured',
                  payopsCapturedAmount: prices[i],
                  payopsCaptureReference: uuid(`${i + 1}`),
                }
              : {},
        })),
        productLineItems: shipmentIds.map((id, i) => ({ shipmentID: id, grossPrice: prices[i] })),
        paymentInstruments: [{ amount: 74.12 }],
        custom: {
          payopsCaptureStatus: captured === 3 ? 'Captured' : 'PartiallyCaptured',
          payopsCapturedAmount: prices.slice(0, captured).reduce((a, b) => a + b, 0),
          payopsReason: captured === 3 ? `${JAPANESE} ${WORD}` : 'Shipment capture of 35.00 EUR succeeded',
        },
      };
    }

    it('shows each shipment with its amount, captured amount and shortened debit, then the whole order', () => {
      const source = {
        sites: [
          {
            id: 'RefArch',
            orders: [
              { orderNo: '00001003', paymentInstruments: [{ paymentMethod: 'PAYZEN', amount: '74.12' }] },
              { orderNo: '00001001', custom: { almaPaymentId: 'p1' } },
            ],
          },
        ],
      } as unknown as InstanceFile;
      const state = {
        sites: new Map([['RefArch', { orders: new Map([['00001003', payzenState('00001003', 3)]]) }]]),
      } as unknown as RuntimeState;
      const text = payzenTable(source, state);
      expect(widest(text)).to.be.at.most(100);
      expect(text).to.match(
        /│ RefArch │ 00001003 │ p1\s+│ €35\.00 │ €35\.00\s+│ 11111111… │ – →\s+│\n[^\n]+│ Captured\s+│/,
      );
      expect(text).to.match(/│ RefArch │ 00001003 │ p3\s+│ €14\.12 │ €14\.12\s+│ 33333333… │/);
      expect(text).to.match(
        /│ RefArch │ 00001003 │ whole order │ €74\.12 │ €74\.12\s+│\s+│ – →\s+│\n[^\n]+│ Captured\s+│/,
      );
      expect(text, 'the Alma order is not PayZen').to.not.contain('00001001');
      expect(squashed(text)).to.contain(WORD).and.to.contain(JAPANESE.replace(/\s/g, ''));
    });

    it('keeps the table within 100 columns with long site, order and shipment IDs, and shows what is not debited yet', () => {
      const orderNo = '00001003-with-a-long-number';
      const shipments = ['shipment-with-a-very-long-identifier', 'p2', 'p3'];
      const source = {
        sites: [
          {
            id: 'SiteWithALongIdentifier',
            orders: [{ orderNo, paymentInstruments: [{ paymentMethod: 'PAYZEN', amount: '74.12' }] }],
          },
        ],
      } as unknown as InstanceFile;
      const state = {
        sites: new Map([
          ['SiteWithALongIdentifier', { orders: new Map([[orderNo, payzenState(orderNo, 1, shipments)]]) }],
        ]),
      } as unknown as RuntimeState;
      const text = payzenTable(source, state);
      expect(widest(text)).to.be.at.most(100);
      expect(column(text, 7, 2)).to.contain('shipment-with-a-very-long-identifier');
      expect(column(text, 7, 6)).to.contain('–→PartiallyCaptured');
      expect(text).to.match(/│ p2\s+│ €25\.00 │ –\s+│ –\s+│ –\s+│/);
    });

    it("tells the IPN answer in one line: stored only when the order holds the IPN's transaction", () => {
      const delivery = { uuid: uuid('f'), state: 'answered' as const, status: 200, body: 'OK', error: null };
      expect(payzenIpnLine('00001003', delivery, uuid('f'))).to.equal(
        'PayZen IPN for 00001003: 200 OK, initial transaction ffffffff… stored.',
      );
      expect(payzenIpnLine('00001003', { ...delivery, status: 401, body: 'invalid signature' }, undefined)).to.equal(
        'PayZen IPN for 00001003: 401 invalid signature, nothing stored.',
      );
      expect(
        payzenIpnLine(
          '00001003',
          { ...delivery, state: 'failed', status: null, body: null, error: 'ECONNREFUSED' },
          null,
        ),
      ).to.equal('PayZen IPN for 00001003: no answer (ECONNREFUSED), nothing stored.');
      expect(payzenIpnLine('00001003', 'no IPN within 15000 ms', undefined)).to.equal(
        'PayZen IPN for 00001003: none received (no IPN within 15000 ms), nothing stored.',
      );
      expect(widest(payzenIpnLine('00001003', { ...delivery, body: LONG }, undefined))).to.be.at.most(100);
      expect(shortUuid(undefined)).to.equal('–');
    });

    it('lists the debits the sandbox received, in minor units, from its journal', () => {
      const debit = (amount: number, currency = 'EUR') => ({
        path: '/api-payment/V4/Charge/CreateShipmentTransaction',
        body: JSON.stringify({ uuid: uuid('a'), amount, currency }),
      });
      const checkout = { path: '/api-payment/V4/Charge/CreatePayment', body: '{"amount":7412}' };
      expect(payzenDebitsLine([checkout, debit(3500), debit(2500), debit(1412)])).to.equal(
        'PayZen debits received (Charge/CreateShipmentTransaction, minor units): 3500, 2500, 1412 EUR.',
      );
      expect(payzenDebitsLine([checkout])).to.equal(
        'PayZen debits received (Charge/CreateShipmentTransaction, minor units): none.',
      );
      expect(payzenDebitsLine([debit(3500), debit(100, 'JPY'), { ...debit(1), body: 'not json' }])).to.equal(
        'PayZen debits received (Charge/CreateShipmentTransaction, minor units): 3500 EUR, 100 JPY, ?.',
      );
    });
  });

  it('says which providers had no order to process instead of "0 selected"', () => {
    expect(stepMessage(NOTHING)).to.equal('No Alma, Monext, KOMOJU, PayZen/Lyra order to process.');
    expect(stepMessage(`Switched off: Alma deferred capture. ${NOTHING}`)).to.equal(
      'Switched off: Alma deferred capture. No Alma, Monext, KOMOJU, PayZen/Lyra order to process.',
    );
    const counted = '1 selected: 1 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped; 2 provider calls';
    expect(stepMessage(counted)).to.equal(counted);
  });

  it('tells which provider an order belongs to by its attributes, else its payment method', () => {
    const [alma, monext, payzen] = SOURCE.sites[0]!.orders!;
    expect([alma, monext, payzen].map((o) => orderProvider(o!)?.label)).to.deep.equal([
      'Alma',
      'Monext',
      'PayZen/Lyra',
    ]);
  });

  it('wraps text at spaces within the width, cutting only a word longer than a line', () => {
    expect(wrapText('aaa bbb ccc', 7)).to.equal('aaa bbb\nccc');
    expect(wrapText('x'.repeat(12), 5, '  ')).to.equal('  xxx\n  xxx\n  xxx\n  xxx');
    expect(widest(wrapText(JAPANESE, 40))).to.be.at.most(40);
    expect(wrapText('日本🙂語', 2)).to.equal('日\n本\n🙂\n語');
  });
});
