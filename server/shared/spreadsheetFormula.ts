/**
 * CSV cells a spreadsheet would run as a formula, for papaparse's `escapeFormulae`; E.164
 * numbers ("+1555…") and negative numbers are data, not formulas.
 */
export const SPREADSHEET_FORMULA = /^[=@\t\r]|^[+-](?![0-9]+$)/;
