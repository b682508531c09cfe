import { expect } from 'chai';
import { dwModules } from '../../../../../../tools/runtime/dw/util';
import { type Calendar as CalendarClass } from '../../../../../../tools/runtime/dw/util/Calendar';
import { collectionClassesFor } from '../../../../../../tools/runtime/dw/util/collectionClasses';
import { type StringUtilsClass } from '../../../../../../tools/runtime/dw/util/StringUtils';
import { UUIDUtils } from '../../../../../../tools/runtime/dw/util/UUIDUtils';
import { moneyClassFor } from '../../../../../../tools/runtime/dw/value/Money';
import { fakeContext } from '../fakeContext';

describe('dw/util/StringUtils', () => {
  const ctx = fakeContext();
  const StringUtils = dwModules['dw/util/StringUtils'](ctx) as StringUtilsClass;
  const Calendar = dwModules['dw/util/Calendar'](ctx) as typeof CalendarClass;

  it('formats MessageFormat patterns, grouping numbers like Java', () => {
    expect(StringUtils.format('Message: {0}, {1}', 'test', 10)).to.equal('Message: test, 10');
    expect(StringUtils.format('Order {0} of {1}', '00001234', 1234567.891)).to.equal('Order 00001234 of 1,234,567.891');
    expect(StringUtils.format('{0,number,#.00}', 3.14159)).to.equal('3.14');
    expect(StringUtils.format("it''s '{0}' {0}", 'x')).to.equal("it's {0} x");
    expect(StringUtils.format('{0} {1}', 'only')).to.equal('only {1}');
    const { ArrayList } = collectionClassesFor(ctx);
    expect(StringUtils.format('{0}-{1}', new ArrayList('a', 'b'))).to.equal('a-b');
  });

  it('formats calendars with SimpleDateFormat patterns in the calendar zone', () => {
    const calendar = new Calendar(new Date('2024-03-05T08:07:09.045Z'));
    expect(StringUtils.formatCalendar(calendar, "yyyy-MM-dd'T'HH:mm:ss.SSSZ")).to.equal('2024-03-05T08:07:09.045+0000');
    expect(StringUtils.formatCalendar(calendar, "yyyy-MM-dd'T'HH:mm:ssXXX")).to.equal('2024-03-05T08:07:09Z');
    calendar.setTimeZone('America/New_York');
    expect(StringUtils.formatCalendar(calendar, "yyyy-MM-dd'T'HH:mm:ss.SSSZ")).to.equal('2024-03-05T03:07:09.045-0500');
    expect(StringUtils.formatCalendar(calendar, 'EEE, d MMM yy h:mm a XXX')).to.equal('Tue, 5 Mar 24 3:07 AM -05:00');
    expect(StringUtils.formatCalendar(calendar, 'EEEE MMMM dd yyyyMMdd')).to.equal('Tuesday March 05 20240305');
    expect(StringUtils.formatCalendar(calendar)).to.equal('03/05/2024 3:07 AM');
    expect(StringUtils.formatCalendar(calendar, 'fr_FR', Calendar.SHORT_DATE_PATTERN)).to.equal('3/5/24');
  });

  it('formats numbers and money for the request locale', () => {
    expect(StringUtils.formatNumber(1234.5, '#,##0.00')).to.equal('1,234.50');
    expect(StringUtils.formatNumber(1234.5, '0')).to.equal('1234');
    expect(StringUtils.formatNumber(0.125, '0.00')).to.equal('0.12');
    expect(StringUtils.formatNumber(1234.5, '#,##0.00', 'de_DE')).to.equal('1.234,50');
    expect(StringUtils.formatNumber(-3, '0.0')).to.equal('-3.0');
    expect(StringUtils.formatInteger(1234.7)).to.equal('1,235');
    const Money = moneyClassFor(ctx);
    expect(StringUtils.formatMoney(new Money(59, 'USD'))).to.equal('$59.00');
    expect(StringUtils.formatMoney(Money.NOT_AVAILABLE)).to.equal('N/A');
  });

  it('encodes and decodes Base64 with a charset', () => {
    expect(StringUtils.encodeBase64('Grüße')).to.equal('R3LDvMOfZQ==');
    expect(StringUtils.decodeBase64('R3LDvMOfZQ==')).to.equal('Grüße');
    expect(StringUtils.encodeBase64('é', 'ISO-8859-1')).to.equal('6Q==');
    expect(StringUtils.decodeBase64('6Q==', 'ISO-8859-1')).to.equal('é');
    expect(() => StringUtils.encodeBase64('x', 'NOPE')).to.throw(/Unsupported encoding/);
  });

  it('escapes for HTML and XML', () => {
    expect(StringUtils.stringToHtml('<a href="x">Café & ©</a>')).to.equal(
      '&lt;a href=&quot;x&quot;&gt;Caf&eacute; &amp; &copy;&lt;/a&gt;',
    );
    expect(StringUtils.encodeString("O'Neil & <Co>", StringUtils.ENCODE_TYPE_XML)).to.equal(
      'O&apos;Neil &amp; &lt;Co&gt;',
    );
    expect(StringUtils.decodeString('Caf&eacute; &amp; &#233;', StringUtils.ENCODE_TYPE_HTML)).to.equal('Café & é');
  });

  it('pads, trims, truncates and garbles', () => {
    expect(StringUtils.pad('ab', 5)).to.equal('ab   ');
    expect(StringUtils.pad('ab', -5)).to.equal('   ab');
    expect(StringUtils.pad('ab', 0)).to.equal('ab');
    expect(StringUtils.trim('\t x \n')).to.equal('x');
    expect(StringUtils.ltrim('  x ')).to.equal('x ');
    expect(StringUtils.rtrim('  x ')).to.equal('  x');
    expect(StringUtils.truncate('Hello wonderful world', 12, StringUtils.TRUNCATE_CHAR, '…')).to.equal('Hello wonder…');
    expect(StringUtils.truncate('Hello wonderful world', 12, StringUtils.TRUNCATE_WORD, '...')).to.equal('Hello...');
    expect(StringUtils.truncate('One. Two three. Four', 17, StringUtils.TRUNCATE_SENTENCE, '')).to.equal(
      'One. Two three.',
    );
    expect(StringUtils.truncate('short', 10, null, '…')).to.equal('short');
    expect(StringUtils.garble('4111111111111111', '*', 4)).to.equal('************1111');
  });
});

describe('dw/util/UUIDUtils', () => {
  it('creates 32 hexadecimal characters without dashes, unique', () => {
    const uuid = UUIDUtils.createUUID();
    expect(uuid).to.match(/^[0-9a-f]{32}$/);
    expect(UUIDUtils.createUUID()).to.not.equal(uuid);
  });
});
