"use client";

import { Badge } from "@/components/ui/Badge";
import { describeSchema, type ApiOperation, type JsonSchemaNode } from "./openApiShape";
import { TryItForm } from "./TryItForm";

const METHOD_TONES = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" } as const;

function FieldList({ schema }: { schema: JsonSchemaNode }) {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchemaNode>);
  const required = (schema.required ?? []) as string[];
  if (properties.length === 0) return <p className="text-sm text-slate-500">No fields.</p>;
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {properties.map(([name, property]) => (
        <div key={name} className="grid gap-1 py-1.5 sm:grid-cols-[12rem_1fr]">
          <dt className="font-mono text-xs text-slate-900">
            {name}
            {required.includes(name) && (
              <span className="ml-1 text-red-600" title="required">
                *
              </span>
            )}
          </dt>
          <dd className="break-words text-xs text-slate-600">{describeSchema(property)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function OperationCard({
  operation,
  baseUrl,
  token,
}: {
  operation: ApiOperation;
  baseUrl: string;
  token: string;
}) {
  const body = operation.requestBody?.content["application/json"].schema;
  const tone = METHOD_TONES[operation.method as keyof typeof METHOD_TONES] ?? "slate";
  return (
    <details id={operation.operationId} className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3 focus-visible:outline-2 focus-visible:outline-brand-500">
        <Badge tone={tone}>{operation.method.toUpperCase()}</Badge>
        <code className="break-all text-sm text-slate-900">{operation.path}</code>
        <span className="text-sm text-slate-500">{operation.summary}</span>
      </summary>
      <div className="space-y-4 border-t border-slate-100 px-4 py-4">
        {operation.parameters.length > 0 && (
          <section>
            <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
            <FieldList
              schema={{
                properties: Object.fromEntries(
                  operation.parameters.map((p) => [`${p.name} (${p.in})`, p.schema ?? {}]),
                ),
                required: operation.parameters.filter((p) => p.required).map((p) => `${p.name} (${p.in})`),
              }}
            />
          </section>
        )}
        {body && (
          <section>
            <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">JSON body</h4>
            <FieldList schema={body} />
            <details className="mt-2">
              <summary className="cursor-pointer text-xs text-brand-700">JSON Schema</summary>
              <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 text-xs">
                {JSON.stringify(body, null, 2)}
              </pre>
            </details>
          </section>
        )}
        <section>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h4>
          <ul className="text-xs text-slate-600">
            {Object.entries(operation.responses).map(([status, response]) => (
              <li key={status}>
                <span className="font-mono font-semibold">{status}</span> {response.description}
              </li>
            ))}
          </ul>
        </section>
        <TryItForm operation={operation} baseUrl={baseUrl} token={token} />
      </div>
    </details>
  );
}
