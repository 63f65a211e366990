import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

const GOLDEN_DIR = join(process.cwd(), "tests", "fixtures", "freeswitch");

/** Well-formed XML, then byte-equal to tests/fixtures/freeswitch/<name>.xml (UPDATE_GOLDEN=1 rewrites it). */
export function expectGolden(name: string, xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  const file = join(GOLDEN_DIR, `${name}.xml`);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${xml}\n`);
  }
  if (!existsSync(file)) throw new Error(`no golden ${file}: review the output and run with UPDATE_GOLDEN=1`);
  expect(`${xml}\n`).toBe(readFileSync(file, "utf8"));
}
