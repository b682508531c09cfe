import { type CapturedMail, type RuntimeContext } from '../context';
import { collectionClassesFor } from '../util/collectionClasses';
import { Collection } from '../util/Collection';
import { illegalArgument, nullPointer } from '../util/JavaException';
import { type List } from '../util/List';
import { Status } from '../system/Status';
import { perContext } from '../util/perContext';
import { MimeEncodedText } from '../value/MimeEncodedText';

/** What `send()` returns: dw.system.Status OK (the mail is queued; sending is asynchronous). */
export type MailSendStatus = Status;

const DEFAULT_MIME_TYPE = 'text/plain;charset=UTF-8';
const DEFAULT_ENCODING = 'UTF-8';
const RFC822_ISH =
  /^[\x21-\x3f\x41-\x7e]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const SAMPLE_DOMAIN = /(^|\.)example\.(com|net|org)$|\.(test|example|invalid|localhost)$/i;

function createMailClass(ctx: RuntimeContext) {
  const { ArrayList } = collectionClassesFor(ctx);
  const addressList = (addresses: List<string> | readonly string[] | null | undefined, what: string) => {
    if (addresses === null || addresses === undefined) throw nullPointer(`${what} list must not be null`);
    if (!(addresses instanceof Collection) && !Array.isArray(addresses))
      throw illegalArgument(`${what} must be a List`);
    return new ArrayList<string>(...(addresses instanceof Collection ? addresses.toArray() : addresses).map(String));
  };

  /** `dw.net.Mail`: `send()` validates like the platform and hands the mail to the run's outbox. */
  class Mail {
    private toList: List<string> = new ArrayList<string>();
    private ccList: List<string> = new ArrayList<string>();
    private bccList: List<string> = new ArrayList<string>();
    private readonly replyToList: List<string> = new ArrayList<string>();
    private fromAddress: string | null = null;
    private subjectText: string | null = null;
    private content: string | null = null;
    private mimeType = DEFAULT_MIME_TYPE;
    private encoding = DEFAULT_ENCODING;

    /** RFC 822 syntax, 7-bit ASCII, a top-level domain, and no sample domain such as example.com. */
    static validateAddress(address: string): boolean {
      return typeof address === 'string' && RFC822_ISH.test(address) && !SAMPLE_DOMAIN.test(address.split('@')[1]);
    }

    addTo(to: string): this {
      this.toList.add1(String(to));
      return this;
    }

    addCc(cc: string): this {
      this.ccList.add1(String(cc));
      return this;
    }

    addBcc(bcc: string): this {
      this.bccList.add1(String(bcc));
      return this;
    }

    addReplyTo(replyTo: string): this {
      if (!Mail.validateAddress(replyTo)) throw illegalArgument(`invalid replyTo address: ${replyTo}`);
      this.replyToList.add1(replyTo);
      return this;
    }

    setTo(to: List<string>): this {
      this.toList = addressList(to, 'to');
      return this;
    }

    setCc(cc: List<string>): this {
      this.ccList = addressList(cc, 'cc');
      return this;
    }

    setBcc(bcc: List<string>): this {
      this.bccList = addressList(bcc, 'bcc');
      return this;
    }

    getTo(): List<string> {
      return this.toList;
    }

    get to(): List<string> {
      return this.toList;
    }

    set to(to: List<string>) {
      this.setTo(to);
    }

    getCc(): List<string> {
      return this.ccList;
    }

    get cc(): List<string> {
      return this.ccList;
    }

    set cc(cc: List<string>) {
      this.setCc(cc);
    }

    getBcc(): List<string> {
      return this.bccList;
    }

    get bcc(): List<string> {
      return this.bccList;
    }

    set bcc(bcc: List<string>) {
      this.setBcc(bcc);
    }

    getReplyTo(): List<string> {
      return this.replyToList;
    }

    get replyTo(): List<string> {
      return this.replyToList;
    }

    setFrom(from: string): this {
      this.fromAddress = from === null || from === undefined ? null : String(from);
      return this;
    }

    getFrom(): string | null {
      return this.fromAddress;
    }

    get from(): string | null {
      return this.fromAddress;
    }

    set from(from: string | null) {
      this.setFrom(from as string);
    }

    setSubject(subject: string): this {
      this.subjectText = subject === null || subject === undefined ? null : String(subject);
      return this;
    }

    getSubject(): string | null {
      return this.subjectText;
    }

    get subject(): string | null {
      return this.subjectText;
    }

    set subject(subject: string | null) {
      this.setSubject(subject as string);
    }

    /** A string (plain UTF-8 text unless a MIME type and encoding are given) or a MimeEncodedText. */
    setContent(content: string | MimeEncodedText, mimeType?: string, encoding?: string): this {
      if (content instanceof MimeEncodedText) {
        this.content = content.getText();
        this.mimeType = content.getMimeType();
        this.encoding = content.getEncoding();
      } else {
        this.content = content === null || content === undefined ? null : String(content);
        this.mimeType = mimeType ?? DEFAULT_MIME_TYPE;
        this.encoding = encoding ?? DEFAULT_ENCODING;
      }
      return this;
    }

    /** Accepted and ignored: the captured mail has no headers. */
    setListUnsubscribe(_value: string): this {
      return this;
    }

    /** Accepted and ignored: the captured mail has no headers. */
    setListUnsubscribePost(_value: string): this {
      return this;
    }

    send(): MailSendStatus {
      if (!this.fromAddress) throw illegalArgument('Mail: from is mandatory');
      if (this.subjectText === null || this.subjectText === undefined)
        throw illegalArgument('Mail: subject is mandatory');
      if (this.content === null || this.content === undefined) throw illegalArgument('Mail: content is mandatory');
      if (this.toList.isEmpty() && this.ccList.isEmpty() && this.bccList.isEmpty()) {
        throw illegalArgument('Mail: at least one of to, cc or bcc is mandatory');
      }
      const mail: CapturedMail = {
        time: ctx.now().toISOString(),
        from: this.fromAddress,
        to: this.toList.toArray(),
        cc: this.ccList.toArray(),
        bcc: this.bccList.toArray(),
        subject: this.subjectText,
        content: this.content,
        mimeType: this.mimeType,
        encoding: this.encoding,
      };
      ctx.sendMail(mail);
      return new Status(Status.OK);
    }
  }
  return Mail;
}

export type MailClass = ReturnType<typeof createMailClass>;

/** The run's `dw.net.Mail`. */
export const mailClassFor = perContext(createMailClass);
