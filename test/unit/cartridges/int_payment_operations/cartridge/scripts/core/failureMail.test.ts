import { expect } from 'chai';
import {
  mailSettings,
  sendFailureMail,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/failureMail';
import {
  addAttention,
  emptySummary,
  MAX_ATTENTION,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/jobSummary';
import { Logger, Mail, resetDwMocks, Site, Template } from '../../../../../../helpers/dwMocks';

const ON = {
  payopsFailureMailEnabled: true,
  payopsFailureMailTo: 'ops@shop.jp, finance@shop.jp',
  payopsFailureMailFrom: 'payments@shop.jp',
  payopsFailureMailLocale: 'ja',
};

function failing(count = 1) {
  const summary = emptySummary();
  for (let i = 0; i < count; i++) {
    addAttention(summary, {
      orderNo: String(1000 + i),
      total: '5000 JPY',
      operation: 'cancel',
      provider: 'KOMOJU',
      outcome: 'Failed',
      reason: 'KOMOJU did not accept the cancel: HTTP 404 not_found',
    });
  }
  return summary;
}

describe('core/failureMail', () => {
  beforeEach(() => resetDwMocks());

  it('sends one e-mail listing the run’s orders to every recipient, from the configured sender, in the configured language', () => {
    Site.__setCurrent('RefArchJP', ON);
    const outcome = sendFailureMail(failing(2), 'komojuCancelProcess');
    expect(outcome).to.equal('sent for 2 order(s) to ops@shop.jp, finance@shop.jp');
    expect(Mail.__sent).to.have.length(1);
    expect(Mail.__sent[0]).to.include({ from: 'payments@shop.jp' });
    expect(Mail.__sent[0].to).to.deep.equal(['ops@shop.jp', 'finance@shop.jp']);
    expect(Template.__renders.map((r) => `${r.name} ${r.locale}`)).to.deep.equal([
      'mail/payopsFailures ja',
      'mail/payopsFailuresSubject ja',
    ]);
    const params = Template.__renders[0].params as { orders: Array<{ orderNo: string }>; count: number; job: string };
    expect(params.orders.map((o) => o.orderNo)).to.deep.equal(['1000', '1001']);
    expect(params).to.include({ count: 2, job: 'komojuCancelProcess', siteId: 'RefArchJP' });
  });

  it('sends nothing when no order needs attention, or when the switch is off', () => {
    Site.__setCurrent('RefArch', ON);
    expect(sendFailureMail(emptySummary(), 'job')).to.equal('no order needs attention');
    Site.__setCurrent('RefArch', { ...ON, payopsFailureMailEnabled: false });
    expect(sendFailureMail(failing(), 'job')).to.equal('failure e-mail switched off');
    expect(Mail.__sent).to.deep.equal([]);
  });

  it('logs an error, and sends nothing, when the switch is on without recipients or sender', () => {
    Site.__setCurrent('RefArch', { payopsFailureMailEnabled: true, payopsFailureMailTo: ' , ' });
    expect(mailSettings()).to.equal(
      'the failure e-mail is switched on but payopsFailureMailTo (the recipients) and payopsFailureMailFrom (the sender) is empty',
    );
    expect(sendFailureMail(failing(), 'job')).to.match(/^not sent: the failure e-mail is switched on/);
    expect(Logger.__messages.map((m) => m.level)).to.deep.equal(['error']);
    expect(Mail.__sent).to.deep.equal([]);
  });

  it('falls back to English for a language it does not ship, and says when the platform refuses the mail', () => {
    Site.__setCurrent('RefArch', { ...ON, payopsFailureMailLocale: 'de' });
    expect((mailSettings() as { locale: string }).locale).to.equal('en');
    Mail.__failNext('mail queue full');
    expect(sendFailureMail(failing(), 'job')).to.equal('not sent: mail queue full');
    expect(Logger.__messages[0]).to.include({ level: 'error' });
  });

  it('lists at most MAX_ATTENTION orders and counts the others', () => {
    Site.__setCurrent('RefArch', ON);
    const summary = failing(MAX_ATTENTION + 3);
    expect(summary.attention).to.have.length(MAX_ATTENTION);
    expect(summary.attentionOmitted).to.equal(3);
    expect(sendFailureMail(summary, 'job')).to.match(/^sent for 503 order\(s\)/);
    expect(Template.__renders[0].params).to.include({ omitted: 3, count: MAX_ATTENTION + 3 });
  });
});
