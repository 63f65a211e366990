import { z } from "zod";

/*
 * Asterisk-style dial patterns, compiled to anchored regexes built only from
 * character classes plus at most one trailing wildcard, so matching is linear and no
 * user-supplied regex ever reaches Node or FreeSWITCH.
 *
 *   exact number   1234, *97, +4930123   (digits, *, #, and a leading +)
 *   _ prefix       X = 0-9, Z = 1-9, N = 2-9, [15-7] = a class of digits,
 *                  trailing . = one or more more characters, trailing ! = zero or more.
 */

export class RoutePatternError extends Error {
  override name = "RoutePatternError";
}

const MAX_PATTERN_LENGTH = 64;
const LITERAL = /^[0-9*#+]$/;
const EXACT = /^\+?[0-9*#]+$/;

function compileClass(body: string, pattern: string): string {
  if (body === "") throw new RoutePatternError(`"${pattern}": empty [] class`);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? "";
    if (!/[0-9]/.test(c))
      throw new RoutePatternError(`"${pattern}": only digits and ranges are allowed inside [], not "${c}"`);
    if (body[i + 1] === "-") {
      const to = body[i + 2];
      if (to === undefined || !/[0-9]/.test(to))
        throw new RoutePatternError(`"${pattern}": unfinished range in [${body}]`);
      if (to < c) throw new RoutePatternError(`"${pattern}": range ${c}-${to} goes backwards`);
      out += `${c}-${to}`;
      i += 2;
    } else {
      out += c;
    }
  }
  return `[${out}]`;
}

/** Compiles a pattern or exact number; throws RoutePatternError with a message fit for a form. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.length === 0) throw new RoutePatternError("the pattern is empty");
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new RoutePatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (!pattern.startsWith("_")) {
    if (!EXACT.test(pattern))
      throw new RoutePatternError(
        `"${pattern}": an exact number may hold digits, * and # (and a leading +); start with _ for a pattern`,
      );
    return new RegExp(`^${pattern.replace(/[*+]/g, "\\$&")}$`);
  }
  const body = pattern.slice(1);
  if (body === "") throw new RoutePatternError(`"${pattern}": nothing after _`);
  let source = "";
  for (let i = 0; i < body.length; i++) {
    const c = (body[i] ?? "").toUpperCase();
    const last = i === body.length - 1;
    if (c === "X") source += "[0-9]";
    else if (c === "Z") source += "[1-9]";
    else if (c === "N") source += "[2-9]";
    else if (c === "[") {
      const close = body.indexOf("]", i);
      if (close === -1) throw new RoutePatternError(`"${pattern}": [ without ]`);
      source += compileClass(body.slice(i + 1, close), pattern);
      i = close;
    } else if (c === "." || c === "!") {
      if (!last) throw new RoutePatternError(`"${pattern}": "${c}" is only allowed at the end`);
      if (i === 0 && c === "!") throw new RoutePatternError(`"${pattern}": a pattern must fix at least one character`);
      source += c === "." ? "[0-9*#]+" : "[0-9*#]*";
    } else if (LITERAL.test(c)) {
      if (c === "+" && i !== 0) throw new RoutePatternError(`"${pattern}": + is only allowed first`);
      source += c === "*" || c === "+" ? `\\${c}` : c;
    } else {
      throw new RoutePatternError(
        `"${pattern}": "${body[i]}" is not allowed (use digits, X, Z, N, [..], and a trailing . or !)`,
      );
    }
  }
  return new RegExp(`^${source}$`);
}

/** For forms and routers: a valid pattern or exact number, with the compiler's message on failure. */
export const routePatternSchema = z
  .string()
  .trim()
  .max(MAX_PATTERN_LENGTH)
  .superRefine((value, ctx) => {
    try {
      compilePattern(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof RoutePatternError ? error.message : "invalid pattern" });
    }
  });

// Routes are matched on every outbound call; compiling once per distinct pattern keeps that cheap.
const compiled = new Map<string, RegExp | null>();
const MAX_COMPILED = 10_000;

/** Whether `dialed` matches `pattern`. An invalid stored pattern matches nothing (the form rejects them). */
export function matchesPattern(pattern: string, dialed: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = compilePattern(pattern);
    } catch {
      regex = null;
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex !== null && regex.test(dialed);
}

/** A literal string as an anchored regex FreeSWITCH can match exactly (for `destination_number`). */
export function exactExpression(value: string): string {
  return `^${value.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}$`;
}
