"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { z } from "zod";
import { TrpcQueryProvider } from "./trpc";

// zod would probe `new Function` (a faster object parser); the page's CSP forbids eval, and the
// refused probe is reported as a violation. Set before any form schema parses in the browser.
z.config({ jitless: true });

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <TrpcQueryProvider>
        {children}
        <Toaster richColors position="top-right" closeButton />
      </TrpcQueryProvider>
    </SessionProvider>
  );
}
