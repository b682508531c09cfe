/** `dw.value.MimeEncodedText`: text with its MIME type and encoding (mail content, rendered templates). */
export class MimeEncodedText {
  private readonly content: string;
  private readonly type: string;
  private readonly charset: string;

  constructor(text: string, mimeType = 'text/plain;charset=UTF-8', encoding = 'UTF-8') {
    this.content = String(text);
    this.type = mimeType;
    this.charset = encoding;
  }

  getText(): string {
    return this.content;
  }

  get text(): string {
    return this.content;
  }

  getMimeType(): string {
    return this.type;
  }

  get mimeType(): string {
    return this.type;
  }

  getEncoding(): string {
    return this.charset;
  }

  get encoding(): string {
    return this.charset;
  }
}
