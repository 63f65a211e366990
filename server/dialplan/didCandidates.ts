/**
 * The E.164 numbers a called DID may stand for. Carriers send `+4930…`, `4930…`,
 * `004930…`, or NANP national `2125551234` / `12125551234`; we try them in that order.
 */
export function didCandidates(dialed: string): string[] {
  const digits = dialed.replace(/^\+/, "");
  if (!/^[0-9]{4,15}$/.test(digits)) return [];
  const out: string[] = [];
  if (dialed.startsWith("+")) out.push(dialed);
  else {
    if (digits.startsWith("00")) out.push(`+${digits.slice(2)}`);
    else if (digits.startsWith("011")) out.push(`+${digits.slice(3)}`);
    out.push(`+${digits}`);
    if (/^[2-9][0-9]{9}$/.test(digits)) out.push(`+1${digits}`);
  }
  return [...new Set(out)].filter((n) => /^\+[1-9][0-9]{7,14}$/.test(n));
}
