import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { InstanceFileError, readInstance } from '../../../../../tools/runtime/instance/loadInstance';
import { instanceJson } from '../../../../../tools/runtime/instance/writeInstance';
import { fixtureInstance, fixtureMetadata, fixtureRuntime, order } from '../fixtureRuntime';

function problems(json: unknown): string[] {
  try {
    readInstance(json, fixtureMetadata);
  } catch (error) {
    if (error instanceof InstanceFileError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('local runtime: instance file', () => {
  it('reports shape errors with their JSON path', () => {
    expect(problems({ sites: [{ id: 'A', orders: [{ orderNo: '1', status: 'SHIPPED' }] }] })).to.deep.equal([
      '/sites/0/orders/0/status: must be equal to one of the allowed values (CREATED, NEW, OPEN, COMPLETED, CANCELLED, REPLACED, FAILED)',
    ]);
    expect(problems({ sites: [{ id: 'A', colour: 'red' }] })).to.deep.equal([
      "/sites/0: must NOT have additional properties ('colour')",
    ]);
    expect(problems({})).to.deep.equal([": must have required property 'sites'"]);
  });

  it('checks custom attributes against metadata/, amounts against the currency, and unique keys', () => {
    const found = problems({
      sites: [
        {
          id: 'A',
          currency: 'JPY',
          preferences: { fixtureMode: 'slow' },
          orders: [
            { orderNo: '1', custom: { fixtureState: 'Maybe', unknownAttr: 1 } },
            { orderNo: '1', productLineItems: [{ productID: 'P', grossPrice: '10.50', shipmentID: 'nope' }] },
          ],
          customObjects: [
            { type: 'FixtureSettings', key: 'k' },
            { type: 'Nope', key: 'k' },
          ],
        },
      ],
    });
    expect(found).to.deep.equal([
      "/sites/0/preferences/fixtureMode: SitePreferences.fixtureMode 'slow' is not one of its values (fast, careful)",
      "/sites/0/orders/0/custom/fixtureState: Order.fixtureState 'Maybe' is not one of its values (ToDo, Done, Failed)",
      "/sites/0/orders/0/custom/unknownAttr: custom attribute 'unknownAttr' is not defined for Order in metadata/",
      "/sites/0/orders/1/orderNo: duplicate order number '1' in site A",
      "/sites/0/orders/1/productLineItems/0/shipmentID: no shipment 'nope' in this order",
      '/sites/0/orders/1/productLineItems/0/grossPrice: 10.50 has more decimals than JPY allows (0)',
      '/sites/0/customObjects/0/type: FixtureSettings is organization-scoped: list it under the top-level customObjects',
      "/sites/0/customObjects/1/type: custom object type 'Nope' is not defined in metadata/",
    ]);
  });

  it('applies preference defaults from metadata and round-trips through the written state', () => {
    const runtime = fixtureRuntime(
      fixtureInstance({
        customObjects: [{ type: 'FixtureSettings', key: 'mode', custom: { value: 'fast' } }],
      }),
    );
    expect(runtime.core.state.sites.get('SiteA')?.preferences.fixtureEnabled).to.equal(false);
    const written = instanceJson(runtime.core.state, { note: 'run' });
    expect(written.lastRun).to.deep.equal({ note: 'run' });
    const again = readInstance(written, fixtureMetadata);
    expect(again.organizationCustomObjects.get('FixtureSettings')?.get('mode')?.custom).to.deep.equal({
      name: 'mode',
      value: 'fast',
    });
    expect([...again.sites.get('SiteA')!.orders.keys()]).to.deep.equal(['A1', 'A2', 'A3']);
    expect(again.sites.get('SiteA')!.orders.get('A3')!.status).to.equal(6);
  });

  it('the JSON schema file is valid JSON and the demo instance satisfies it and metadata/', () => {
    const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../demo/instance.json'), 'utf8'));
    expect(() =>
      readInstance(demo, require('../../../../../tools/runtime/state/metadata').loadRuntimeMetadata()),
    ).to.not.throw();
    expect(fixtureInstance().sites[0].orders).to.deep.include(order('A1'));
  });

  it('moves a pinned clock on in the output, so a chained run does not start in the past', () => {
    const runtime = fixtureRuntime(fixtureInstance({ clock: '2026-11-23T09:00:00.000Z' }));
    const later = new Date('2026-11-23T09:00:05.000Z');
    expect(instanceJson(runtime.core.state, undefined, later).clock).to.equal('2026-11-23T09:00:05.000Z');
    expect(instanceJson(fixtureRuntime().core.state, undefined, later).clock).to.equal(undefined);
  });

  // dw.order.LineItemCtnr.getPriceAdjustments(): order-level adjustments are discounts on the
  // order; getPriceAdjustmentByPromotionID(String) finds "the price adjustment" of a promotion, so
  // a file holds at most one per promotion ID and order.
  it('reads order-level priceAdjustments: zero or negative, in the currency decimals, one per promotion ID, naming the order otherwise', () => {
    const adjusted = (currency: string, priceAdjustments: unknown[]) =>
      problems({ sites: [{ id: 'A', currency, orders: [{ orderNo: '00001001', priceAdjustments }] }] });
    expect(
      adjusted('EUR', [
        { promotionID: 'OK', grossPrice: '-10.00', lineItemText: '10 € off' },
        { promotionID: 'ZERO', grossPrice: 0 },
        { promotionID: 'NUMBER', grossPrice: -2.5 },
      ]),
    ).to.deep.equal([]);
    expect(
      adjusted('EUR', [
        { promotionID: 'UP', grossPrice: '10.00' },
        { promotionID: 'FINE', grossPrice: '-10.005' },
        { promotionID: 'UP', grossPrice: -1 },
      ]),
    ).to.deep.equal([
      `/sites/0/orders/0/priceAdjustments/0/grossPrice: Order 00001001: price adjustment 'UP' has grossPrice 10.00: an order-level discount is zero or negative (e.g. "-10.00")`,
      "/sites/0/orders/0/priceAdjustments/1/grossPrice: Order 00001001: price adjustment 'FINE' has grossPrice -10.005, with more decimals than EUR allows (2)",
      "/sites/0/orders/0/priceAdjustments/2/promotionID: Order 00001001: price adjustment 'UP' is listed twice; an order has at most one price adjustment per promotion ID",
    ]);
    expect(adjusted('JPY', [{ promotionID: 'YEN', grossPrice: -0.5 }])).to.deep.equal([
      "/sites/0/orders/0/priceAdjustments/0/grossPrice: Order 00001001: price adjustment 'YEN' has grossPrice -0.5, with more decimals than JPY allows (0)",
    ]);
    expect(
      adjusted('EUR', [{ grossPrice: '-1.00' }, { promotionID: 'X', grossPrice: '-1', coupon: 'C' }]),
    ).to.deep.equal([
      "/sites/0/orders/0/priceAdjustments/0: must have required property 'promotionID'",
      "/sites/0/orders/0/priceAdjustments/1: must NOT have additional properties ('coupon')",
    ]);
    expect(adjusted('EUR', [{ promotionID: 'TEXT', grossPrice: 'ten' }])).to.include(
      '/sites/0/orders/0/priceAdjustments/0/grossPrice: must match pattern "^-?[0-9]+(\\.[0-9]+)?$"',
    );
  });

  it('writes priceAdjustments back, so the next run reads the same adjustments and totals', () => {
    const runtime = fixtureRuntime(
      fixtureInstance({
        sites: [
          {
            id: 'SiteA',
            currency: 'EUR',
            orders: [
              {
                orderNo: 'D1',
                productLineItems: [{ productID: 'SHOE', grossPrice: '114.10' }],
                priceAdjustments: [
                  { promotionID: 'WELCOME10', grossPrice: -10, lineItemText: 'Welcome' },
                  { promotionID: 'ZERO', grossPrice: '-0.00' },
                ],
              },
              order('A1'),
            ],
          },
        ],
      }),
    );
    const written = instanceJson(runtime.core.state);
    const [withAdjustments, without] = written.sites[0].orders!;
    expect(withAdjustments.priceAdjustments).to.deep.equal([
      { promotionID: 'WELCOME10', grossPrice: '-10.00', lineItemText: 'Welcome' },
      { promotionID: 'ZERO', grossPrice: '0.00' },
    ]);
    expect(without).to.not.have.property('priceAdjustments');
    const again = readInstance(written, fixtureMetadata).sites.get('SiteA')!.orders.get('D1')!;
    expect(
      again.priceAdjustments.map(({ promotionID, grossPrice, lineItemText }) => [
        promotionID,
        grossPrice,
        lineItemText,
      ]),
    ).to.deep.equal([
      ['WELCOME10', -10, 'Welcome'],
      ['ZERO', 0, null],
    ]);
  });

  // platform.md §8, §11.2: the custom-object quota is per instance and enforced; an instance cannot
  // hold more custom objects than it allows.
  it('refuses a file holding more custom objects than platform.customObjectQuota, all scopes together', () => {
    const instance = {
      platform: { customObjectQuota: 2 },
      customObjects: [{ type: 'FixtureSettings', key: 'mode' }],
      sites: [
        { id: 'A', customObjects: [{ type: 'FixtureJournal', key: 'a-1' }] },
        { id: 'B', customObjects: [{ type: 'FixtureJournal', key: 'b-1' }] },
      ],
    };
    expect(problems(instance)).to.deep.equal([
      '/platform/customObjectQuota: the file holds 3 custom objects (all types, sites and the organization), more than the quota object.CustomObjectPO allows (2): remove objects or raise platform.customObjectQuota',
    ]);
    expect(problems({ ...instance, platform: { customObjectQuota: 3 } })).to.deep.equal([]);
    expect(problems({ ...instance, platform: { customObjectQuota: 0 } })).to.deep.equal([]);
    expect(problems({ ...instance, platform: { customObjectQuota: -1 } })).to.deep.equal([
      '/platform/customObjectQuota: must be >= 0',
    ]);
  });
});
