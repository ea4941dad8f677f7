/**
 * The one lexer of ClickHouse SQL text in Monet: just enough of ClickHouse's own to tell code from string literals,
 * quoted identifiers and comments. Block comments nest, as ClickHouse reads them (`/* a /* b *\/ c *\/` is one
 * comment). The gateway finds its keywords with it, the DDL runner splits scripts into statements with it.
 */
export type TokenKind =
  | 'quoted' // 'string', "identifier", `identifier`
  | 'comment' // -- line, # line, /* block */
  | 'space'
  | 'semicolon'
  | 'open' // ( [ {
  | 'close' // ) ] }
  | 'word' // an identifier or keyword
  | 'number'
  | 'other'; // operators and punctuation

export interface Token {
  kind: TokenKind;
  start: number;
  /** Just past the token. */
  end: number;
  /** For a quote or block comment that never closes: where it would have had to. */
  unterminated?: true;
}

const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_]/;

/** Just past the closing quote; a quote is escaped by a backslash or by doubling it. */
function quotedEnd(text: string, open: number, quote: string): number | undefined {
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return undefined;
}

/** Just past the `*\/` that closes the comment opened at `open`, counting the comments nested inside it. */
function blockCommentEnd(text: string, open: number): number | undefined {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return undefined;
}

/** The text's tokens in order, covering it whole. */
export function* tokens(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const start = i;
    const ch = text[i] as string;
    let kind: TokenKind;
    let unterminated = false;
    if (ch === "'" || ch === '"' || ch === '`') {
      kind = 'quoted';
      const end = quotedEnd(text, i, ch);
      unterminated = end === undefined;
      i = end ?? text.length;
    } else if (text.startsWith('--', i) || ch === '#') {
      kind = 'comment';
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (text.startsWith('/*', i)) {
      kind = 'comment';
      const end = blockCommentEnd(text, i);
      unterminated = end === undefined;
      i = end ?? text.length;
    } else if (/\s/.test(ch)) {
      kind = 'space';
      while (i < text.length && /\s/.test(text[i] as string)) i += 1;
    } else if (ch === ';') {
      kind = 'semicolon';
      i += 1;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      kind = 'open';
      i += 1;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      kind = 'close';
      i += 1;
    } else if (WORD_START.test(ch)) {
      kind = 'word';
      while (i < text.length && WORD_CHAR.test(text[i] as string)) i += 1;
    } else if (/[0-9]/.test(ch)) {
      // Numbers such as 1e10 or 0x1F are one token, not a number and a word.
      kind = 'number';
      while (i < text.length && WORD_CHAR.test(text[i] as string)) i += 1;
    } else {
      kind = 'other';
      i += 1;
    }
    yield unterminated ? { kind, start, end: i, unterminated } : { kind, start, end: i };
  }
}

/** True for tokens that are not code: blanks and comments. */
export function isBlank(token: Token): boolean {
  return token.kind === 'space' || token.kind === 'comment';
}
