import { expect } from 'chai';
import { dwModules } from '../../../../../../tools/runtime/dw/net';
import { type MailClass } from '../../../../../../tools/runtime/dw/net/Mail';
import { collectionClassesFor } from '../../../../../../tools/runtime/dw/util/collectionClasses';
import { MimeEncodedText } from '../../../../../../tools/runtime/dw/value/MimeEncodedText';
import { fakeContext } from '../fakeContext';

describe('dw/net/Mail', () => {
  const setUp = () => {
    const ctx = fakeContext({ now: '2024-05-01T08:00:00.000Z' });
    return { ctx, Mail: dwModules['dw/net/Mail'](ctx) as MailClass };
  };
  const complete = (Mail: MailClass) =>
    new Mail().addTo('ops@shop.fr').setFrom('noreply@shop.fr').setSubject('Capture failed').setContent('Order 42');

  it('hands a complete mail to the run outbox and returns an OK status', () => {
    const { ctx, Mail } = setUp();
    const status = complete(Mail).addCc('cc@shop.fr').addBcc('audit@shop.fr').send();
    expect(status.isError()).to.equal(false);
    expect(status.code).to.equal('OK');
    expect(status.status).to.equal(0);
    expect(ctx.mails).to.deep.equal([
      {
        time: '2024-05-01T08:00:00.000Z',
        from: 'noreply@shop.fr',
        to: ['ops@shop.fr'],
        cc: ['cc@shop.fr'],
        bcc: ['audit@shop.fr'],
        subject: 'Capture failed',
        content: 'Order 42',
        mimeType: 'text/plain;charset=UTF-8',
        encoding: 'UTF-8',
      },
    ]);
  });

  it('takes content, MIME type and encoding from a MimeEncodedText or the three-argument form', () => {
    const { ctx, Mail } = setUp();
    complete(Mail)
      .setContent(new MimeEncodedText('<p>x</p>', 'text/html;charset=UTF-8', 'UTF-8'))
      .send();
    complete(Mail).setContent('y', 'text/html', 'ISO-8859-1').send();
    expect(ctx.mails.map((mail) => [mail.content, mail.mimeType, mail.encoding])).to.deep.equal([
      ['<p>x</p>', 'text/html;charset=UTF-8', 'UTF-8'],
      ['y', 'text/html', 'ISO-8859-1'],
    ]);
  });

  it('throws IllegalArgumentException when from, subject, content or every recipient is missing', () => {
    const { ctx, Mail } = setUp();
    const cases = [
      new Mail().addTo('a@shop.fr').setSubject('s').setContent('c'),
      new Mail().addTo('a@shop.fr').setFrom('f@shop.fr').setContent('c'),
      new Mail().addTo('a@shop.fr').setFrom('f@shop.fr').setSubject('s'),
      new Mail().setFrom('f@shop.fr').setSubject('s').setContent('c'),
    ];
    for (const mail of cases) {
      expect(() => mail.send())
        .to.throw()
        .with.property('javaName', 'java.lang.IllegalArgumentException');
    }
    expect(ctx.mails).to.have.length(0);
  });

  it('replaces recipients with setTo(list), exposes run Lists, refuses a null list', () => {
    const { ctx, Mail } = setUp();
    const { ArrayList } = collectionClassesFor(ctx);
    const mail = complete(Mail).setTo(new ArrayList('x@shop.fr', 'y@shop.fr'));
    expect(mail.to).to.be.instanceOf(ArrayList);
    expect(mail.getTo().toArray()).to.deep.equal(['x@shop.fr', 'y@shop.fr']);
    mail.subject = 'Changed';
    expect(mail.getSubject()).to.equal('Changed');
    expect(() => mail.setCc(null as never)).to.throw(/must not be null/);
  });

  it('validates addresses as documented', () => {
    const { Mail } = setUp();
    expect(Mail.validateAddress('ops@shop.fr')).to.equal(true);
    expect(Mail.validateAddress('ops@example.com')).to.equal(false);
    expect(Mail.validateAddress('not an address')).to.equal(false);
  });
});
