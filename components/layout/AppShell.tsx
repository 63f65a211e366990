"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState, type ReactNode } from "react";
import type { SessionMembership } from "@/server/auth/session";
import { cn } from "@/components/ui/cn";
import { navigationFor } from "./navigation";

type Props = { email: string; memberships: SessionMembership[]; children: ReactNode };

export function AppShell({ email, memberships, children }: Props) {
  const pathname = usePathname();
  const params = useParams<{ domainId?: string }>();
  const [open, setOpen] = useState(false);
  const sections = navigationFor(memberships, params.domainId ?? null);

  const nav = (
    <nav aria-label="Main" className="space-y-6">
      {sections.map((section) => (
        <div key={section.title}>
          <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">{section.title}</p>
          <ul className="mt-2 space-y-0.5">
            {section.items.map((item) => {
              const active = pathname === item.href || (item.href !== "/admin" && pathname.startsWith(`${item.href}/`));
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={() => setOpen(false)}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-3 py-1.5 text-sm",
                      active
                        ? "bg-brand-50 font-medium text-brand-700"
                        : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );

  return (
    <div className="min-h-screen lg:flex">
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white px-3 py-5 lg:block">
        <Link href="/" className="mb-8 flex items-center gap-2 px-3 text-base font-semibold text-slate-900">
          <span className="grid size-7 place-items-center rounded-md bg-brand-600 text-white">⌁</span> Switchboard
        </Link>
        {nav}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:px-8">
          <button
            type="button"
            className="rounded-md px-2 py-1 text-sm text-slate-700 ring-1 ring-slate-300 lg:hidden"
            aria-expanded={open}
            aria-controls="mobile-nav"
            onClick={() => setOpen((v) => !v)}
          >
            Menu
          </button>
          <span className="hidden text-sm text-slate-500 lg:block">
            {params.domainId ? "Tenant workspace" : "Switchboard"}
          </span>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-600" data-testid="signed-in-as">
              {email}
            </span>
            <Link href="/account/two-factor" className="text-slate-600 hover:text-slate-900 hover:underline">
              Two-factor
            </Link>
            <button
              type="button"
              onClick={() => void signOut({ callbackUrl: "/sign-in" })}
              className="rounded-md px-2 py-1 text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Sign out
            </button>
          </div>
        </header>
        {open && (
          <div id="mobile-nav" className="border-b border-slate-200 bg-white px-3 py-4 lg:hidden">
            {nav}
          </div>
        )}
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
