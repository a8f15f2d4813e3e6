// csv-stringify's escape_formulas, which every CSV this project writes uses (the services'
// logs, the client's exports): a cell that starts with one of these gets a leading ' so that a
// spreadsheet shows it instead of running it. Whoever reads the file back takes the mark off.
export const FORMULA_STARTS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

const STARTS = new Set(FORMULA_STARTS);

/** A cell as it was before it was written: the ' before a formula's first character taken off. */
export function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && STARTS.has(cell[1]) ? cell.slice(1) : cell;
}

/** The one-byte (ASCII) starts, for readers of a row's bytes; the full-width ones take three bytes in UTF-8. */
export const FORMULA_START_BYTES: readonly number[] = FORMULA_STARTS.filter((c) => c.charCodeAt(0) < 0x80).map((c) => c.charCodeAt(0));
