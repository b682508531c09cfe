import { expect } from 'chai';
import {
  CAPTURE_STATUSES,
  setAlmaDeferredCapture,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaOrderHelper';
import { defineMetadata, OrderMgr, resetDwMocks, Transaction } from '../../../../../../../helpers/dwMocks';

describe('providers/alma/almaOrderHelper.setAlmaDeferredCapture', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
  });

  it('sets ALMA_Deferred_Capture in its own transaction', () => {
    const order = OrderMgr.__add({ orderNo: '00001234', custom: { almaPaymentId: 'payment_1' } });
    setAlmaDeferredCapture(order, 'ToCapture');
    expect(order.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
    expect(
      (order.custom as unknown as { ALMA_Deferred_Capture: { value: string } }).ALMA_Deferred_Capture.value,
    ).to.equal('ToCapture');
    expect(Transaction.__events).to.deep.equal(['begin', 'commit']);
  });

  it('joins the caller’s transaction, whose rollback undoes it', () => {
    const order = OrderMgr.__add({ orderNo: '00001234', custom: { ALMA_Deferred_Capture: 'ToCapture' } });
    Transaction.begin();
    setAlmaDeferredCapture(order, 'Captured');
    expect(Transaction.__depth()).to.equal(1);
    Transaction.rollback();
    expect(order.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
  });

  it('takes each Capture Status', () => {
    const order = OrderMgr.__add({ orderNo: '00001234' });
    for (const status of CAPTURE_STATUSES) {
      setAlmaDeferredCapture(order, status);
      expect(order.__values.ALMA_Deferred_Capture).to.equal(status);
    }
    expect(CAPTURE_STATUSES).to.deep.equal(['ToCapture', 'Captured', 'Failed']);
  });

  it('throws on an invalid status, naming the valid ones, and leaves the order unchanged', () => {
    const order = OrderMgr.__add({ orderNo: '00001234', custom: { ALMA_Deferred_Capture: 'ToCapture' } });
    for (const status of ['captured', 'Done', '', 'null']) {
      expect(() => setAlmaDeferredCapture(order, status)).to.throw(
        'setAlmaDeferredCapture: "' + status + '" is not a Capture Status; expected one of ToCapture, Captured, Failed',
      );
    }
    expect(order.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
    expect(Transaction.__events).to.deep.equal([]);
  });

  it('throws without an order', () => {
    expect(() => setAlmaDeferredCapture(null as never, 'Captured')).to.throw('setAlmaDeferredCapture: no order given');
  });
});
