import { isBlank, tokens } from '../../src/clickhouse/sql-lexer.ts';

/**
 * Top-level keywords of a statement, found with Monet's one ClickHouse lexer (warehouse/src/clickhouse/sql-lexer.ts),
 * which skips comments, string literals and quoted identifiers; bracket depth is tracked here. Text is scanned as
 * latin1 so that offsets are byte offsets into the body.
 */

interface Word {
  /** Upper-cased. */
  word: string;
  start: number;
  end: number;
  depth: number;
}

function* words(text: string): Generator<Word> {
  let depth = 0;
  for (const token of tokens(text)) {
    if (token.kind === 'open') depth += 1;
    else if (token.kind === 'close') depth = Math.max(0, depth - 1);
    else if (token.kind === 'word') {
      yield { word: text.slice(token.start, token.end).toUpperCase(), start: token.start, end: token.end, depth };
    }
  }
}

/** The first keywords of a statement, upper-cased (`['CREATE', 'TEMPORARY']`). */
export function leadingWords(text: string, count = 2): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    out.push(w.word);
    if (out.length === count) break;
  }
  return out;
}

/** An INSERT whose rows follow its FORMAT clause, as ClickHouse reads it over HTTP. */
export interface InsertWithData {
  format: string;
  /** Where a `FROM INFILE` clause belongs: before a top-level SETTINGS clause, else before FORMAT. */
  infileAt: number;
  /** The end of the format name: the statement is `text.slice(0, queryEnd)`. */
  queryEnd: number;
  /** Where the rows begin. */
  dataStart: number;
  /**
   * For `INSERT ... SELECT ... FROM input('structure') FORMAT X`, whose rows are what its SELECT reads: the call
   * `input(...)` (from `start` to `end`, its arguments from `argsStart` to `argsEnd`) and where FORMAT starts.
   */
  input?: { start: number; argsStart: number; argsEnd: number; end: number; formatAt: number };
}

/**
 * Finds the data of `INSERT ... FORMAT X <data>`, and of `INSERT ... SELECT ... FROM input('structure') FORMAT X
 * <data>`. Returns undefined for every other statement, including INSERT ... VALUES, INSERT ... SELECT without
 * input() and INSERT ... FROM INFILE, which the engine reads whole.
 */
export function findInsertData(text: string): InsertWithData | undefined {
  const it = words(text);
  const first = it.next();
  if (first.done || first.value.word !== 'INSERT') return undefined;
  let settingsAt: number | undefined;
  let input: Omit<NonNullable<InsertWithData['input']>, 'formatAt'> | undefined;
  let select = false;
  for (let next = it.next(); !next.done; next = it.next()) {
    const w = next.value;
    if (select && !input && w.word === 'INPUT') input = callAt(text, w);
    if (w.depth > 0) continue;
    if (w.word === 'VALUES' || w.word === 'INFILE') return undefined;
    if (w.word === 'SELECT' || w.word === 'WITH') select = true;
    if (w.word === 'SETTINGS' && settingsAt === undefined) settingsAt = w.start;
    if (w.word === 'FORMAT' && !isCall(text, w.end)) {
      if (select && !input) return undefined;
      const name = it.next();
      if (name.done) return undefined;
      let dataStart = name.value.end;
      // As ClickHouse's parser: data starts after the first newline if there is one, else after the blanks.
      while (dataStart < text.length && ' \t\f'.includes(text[dataStart] as string)) dataStart += 1;
      if (text[dataStart] === '\r') dataStart += 1;
      if (text[dataStart] === '\n') dataStart += 1;
      return {
        format: text.slice(name.value.start, name.value.end),
        infileAt: settingsAt ?? w.start,
        queryEnd: name.value.end,
        dataStart,
        ...(input && { input: { ...input, formatAt: w.start } }),
      };
    }
  }
  return undefined;
}

/** The call `name(...)` that starts with word `w`, if the word is followed by an opening bracket. */
function callAt(text: string, w: Word): { start: number; argsStart: number; argsEnd: number; end: number } | undefined {
  let depth = 0;
  let argsStart: number | undefined;
  for (const token of tokens(text.slice(w.end))) {
    if (argsStart === undefined) {
      if (isBlank(token)) continue;
      if (token.kind !== 'open') return undefined;
      argsStart = w.end + token.end;
      depth = 1;
    } else if (token.kind === 'open') depth += 1;
    else if (token.kind === 'close' && --depth === 0) {
      return { start: w.start, argsStart, argsEnd: w.end + token.start, end: w.end + token.end };
    }
  }
  return undefined;
}

/** True when a word is followed by an opening parenthesis: `format(...)` is a function, not a clause. */
function isCall(text: string, end: number): boolean {
  return /^\s*\(/.test(text.slice(end, end + 64));
}

/** Where a statement's own top-level FORMAT clause starts, if it has one. */
export function formatClauseStart(text: string): number | undefined {
  let start: number | undefined;
  for (const w of words(text)) {
    if (w.word === 'FORMAT' && w.depth === 0 && !isCall(text, w.end)) start = w.start;
  }
  return start;
}

/** The output format a statement names in its own FORMAT clause, if any. */
export function formatClause(text: string): string | undefined {
  let format: string | undefined;
  let expectName = false;
  for (const w of words(text)) {
    if (expectName) {
      format = text.slice(w.start, w.end);
      expectName = false;
    } else if (w.word === 'FORMAT' && w.depth === 0 && !isCall(text, w.end)) expectName = true;
  }
  return format;
}

/**
 * The statement with its result sent to a file (given as a quoted string literal): `INTO OUTFILE` goes where ClickHouse's grammar puts it, just before
 * the top-level FORMAT clause, or after the last token (before trailing comments and semicolons) when there is none.
 */
export function intoOutfile(text: string, fileLiteral: string, format: string): string {
  const into = `INTO OUTFILE ${fileLiteral}`;
  const formatAt = formatClauseStart(text);
  if (formatAt !== undefined) return `${text.slice(0, formatAt)}${into} ${text.slice(formatAt)}`;
  const end = lastTokenEnd(text);
  return `${text.slice(0, end)} ${into} FORMAT ${format}${text.slice(end)}`;
}

/** Where the last token ends: what follows is only blanks, comments and semicolons. */
function lastTokenEnd(text: string): number {
  let end = 0;
  for (const token of tokens(text)) if (!isBlank(token) && token.kind !== 'semicolon') end = token.end;
  return end;
}

/** True when a keyword appears anywhere outside comments, string literals and quoted identifiers. */
export function hasKeyword(text: string, keyword: string): boolean {
  const wanted = keyword.toUpperCase();
  for (const w of words(text)) if (w.word === wanted) return true;
  return false;
}

/**
 * True when the text holds more than one statement: something other than blanks, comments and semicolons follows
 * a semicolon outside string literals, quoted identifiers and comments. The engine would run every one of them.
 */
export function hasSecondStatement(text: string): boolean {
  let ended = false;
  for (const token of tokens(text)) {
    if (token.kind === 'semicolon') ended = true;
    else if (ended && !isBlank(token)) return true;
  }
  return false;
}
