"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { exampleBody, type ApiOperation } from "./openApiShape";

type Result = { status: number; statusText: string; body: string; ms: number };

/** Sends one real request with the pasted token and shows exactly what came back. */
export function TryItForm({ operation, baseUrl, token }: { operation: ApiOperation; baseUrl: string; token: string }) {
  const formId = useId();
  const schema = operation.requestBody?.content["application/json"].schema;
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState(() => (schema ? JSON.stringify(exampleBody(schema), null, 2) : ""));
  const [result, setResult] = useState<Result | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async () => {
    setProblem(null);
    const missing = operation.parameters.filter((p) => p.required && !values[p.name]);
    if (missing.length) {
      setProblem(`Fill in ${missing.map((p) => p.name).join(", ")}`);
      return;
    }
    let path = operation.path;
    const query = new URLSearchParams();
    for (const p of operation.parameters) {
      const value = values[p.name];
      if (!value) continue;
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value));
      if (p.in === "query") query.set(p.name, value);
    }
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token.trim()}`;
    if (schema) headers["content-type"] = "application/json";
    setSending(true);
    const started = performance.now();
    try {
      const res = await fetch(`${baseUrl}${path}${query.size ? `?${query}` : ""}`, {
        method: operation.method.toUpperCase(),
        headers,
        body: schema ? body : undefined,
      });
      const text = await res.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // not JSON (e.g. 204): show as is
      }
      setResult({
        status: res.status,
        statusText: res.statusText,
        body: pretty,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "The request failed");
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="space-y-3 rounded-lg bg-slate-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p className="text-sm font-semibold text-slate-800">Try it</p>
      {!token && <p className="text-xs text-amber-700">Paste an API token at the top of the page first.</p>}
      {operation.parameters.map((p) => (
        <div key={`${p.in}-${p.name}`} className="space-y-1">
          <label htmlFor={`${formId}-${p.name}`} className="block text-xs font-medium text-slate-700">
            {p.name}{" "}
            <span className="font-normal text-slate-500">
              ({p.in}
              {p.required ? ", required" : ""})
            </span>
          </label>
          <input
            id={`${formId}-${p.name}`}
            className={inputClass}
            value={values[p.name] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))}
          />
        </div>
      ))}
      {schema && (
        <div className="space-y-1">
          <label htmlFor={`${formId}-body`} className="block text-xs font-medium text-slate-700">
            JSON body
          </label>
          <textarea
            id={`${formId}-body`}
            className={`${inputClass} min-h-32 font-mono text-xs`}
            spellCheck={false}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
      )}
      {problem && (
        <p className="text-xs text-red-600" role="alert">
          {problem}
        </p>
      )}
      <Button type="submit" size="sm" busy={sending}>
        Send {operation.method.toUpperCase()} request
      </Button>
      {result && (
        <div aria-live="polite" className="space-y-1">
          <p className="text-xs text-slate-600" data-testid="try-status">
            <span className={result.status < 400 ? "font-semibold text-emerald-700" : "font-semibold text-red-700"}>
              {result.status} {result.statusText}
            </span>{" "}
            in {result.ms} ms
          </p>
          {result.body && (
            <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {result.body}
            </pre>
          )}
        </div>
      )}
    </form>
  );
}
