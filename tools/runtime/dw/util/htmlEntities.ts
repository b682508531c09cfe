/** HTML 3.2 names of U+00A0…U+00FF, in order. */
const LATIN1_ENTITY_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr ' +
  'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const HTML_SPECIALS: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' };
const XML_SPECIALS: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };

export function stringToHtml(text: string): string {
  return text.replace(/[&<>"\u00a0-\u00ff]/g, (char) => {
    const code = char.charCodeAt(0);
    return `&${HTML_SPECIALS[char] ?? LATIN1_ENTITY_NAMES[code - 0xa0]};`;
  });
}

export function stringToXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${XML_SPECIALS[char]};`);
}

export function stringToWml(text: string): string {
  return stringToXml(text).replace(/\$/g, '$$$$');
}

const NAMED: Record<string, string> = Object.fromEntries([
  ...Object.entries(XML_SPECIALS).map(([char, name]) => [name, char]),
  ...LATIN1_ENTITY_NAMES.map((name, index) => [name, String.fromCharCode(0xa0 + index)]),
]);

/** Named and numeric character references back to characters; unknown ones stay as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (reference, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return NAMED[body] ?? reference;
  });
}
