import { expect } from 'chai';
import { startSandbox, type RunningSandbox } from '../../../../../tools/sandboxes/core/server';
import {
  createPayzenSandbox,
  DEFAULT_PAYZEN_PASSWORD,
  DEFAULT_PAYZEN_SHOP_ID,
} from '../../../../../tools/sandboxes/payzen';

const NOW = new Date('2025-03-01T10:00:00Z');
const AUTH = `Basic ${Buffer.from(`${DEFAULT_PAYZEN_SHOP_ID}:${DEFAULT_PAYZEN_PASSWORD}`).toString('base64')}`;
const INITIAL_UUID = 'f183418d08df49f3900bbd74ef837816';

interface Envelope {
  status: string;
  webService: string;
  answer: { errorCode?: string; detailedStatus?: string; uuid?: string };
}

describe('PayZen sandbox over HTTP', () => {
  let running: RunningSandbox;

  before(async () => {
    running = await startSandbox(createPayzenSandbox(), { port: 0, now: () => NOW });
  });

  after(async () => {
    await running.close();
  });

  beforeEach(() => {
    running.reset();
    running.seed([
      {
        uuid: INITIAL_UUID,
        orderId: 'ORDER-1',
        amount: 7412,
        currency: 'EUR',
        useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
      },
    ]);
  });

  async function post(webService: string, body: unknown, authorization = AUTH): Promise<[number, Envelope]> {
    const response = await fetch(`${running.baseUrl}/${webService}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return [response.status, (await response.json()) as Envelope];
  }

  it('creates a shipment transaction and refuses its duplicate', async () => {
    const shipment = { uuid: INITIAL_UUID, amount: 3500, currency: 'EUR' };
    const [status, created] = await post('Charge/CreateShipmentTransaction', shipment);
    expect(status).to.equal(200);
    expect(created).to.deep.include({ status: 'SUCCESS', webService: 'Charge/CreateShipmentTransaction' });
    expect(created.answer.detailedStatus).to.equal('AUTHORISED');
    const [, duplicate] = await post('Charge/CreateShipmentTransaction', shipment);
    expect(duplicate.status).to.equal('ERROR');
    expect(duplicate.answer.errorCode).to.equal('PSP_236');
  });

  it('answers bad credentials with HTTP 401 and INT_905', async () => {
    const wrong = `Basic ${Buffer.from(`${DEFAULT_PAYZEN_SHOP_ID}:testpassword_wrong`).toString('base64')}`;
    const [status, envelope] = await post('Transaction/Get', { uuid: INITIAL_UUID }, wrong);
    expect(status).to.equal(401);
    expect(envelope.answer.errorCode).to.equal('INT_905');
  });

  it('answers a body that is not JSON with an ERROR envelope', async () => {
    const response = await fetch(`${running.baseUrl}/Transaction/Get`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: '{uuid:',
    });
    expect(((await response.json()) as Envelope).answer.errorCode).to.equal('INT_902');
  });
});
